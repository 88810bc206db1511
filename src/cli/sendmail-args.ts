// The command line of /usr/sbin/sendmail as cron, logwatch, PHP mail(),
// mdadm and friends call it. Sendmail's options are not GNU-style (-oi, -odb,
// -fFROM, -F "Name"), so they get a parser of their own. Options that only
// tune a real MTA's behaviour are accepted and ignored.
import { UsageError } from './usage-error.js';

export interface SendmailArgs {
  /** -t: recipients from the To/Cc/Bcc headers (plus any given as arguments). */
  readHeaders: boolean;
  /** -i / -oi: a line with a single "." does not end the message. */
  ignoreDots: boolean;
  /** -f / -r: the envelope sender. */
  envelopeFrom?: string;
  /** -F: the sender's full name (used only if the message has no From header). */
  fullName?: string;
  /** -bp: list the queue (mailq); -bi: rebuild aliases (nothing to do). */
  mode: 'deliver' | 'list' | 'aliases';
  recipients: string[];
  db?: string;
  help: boolean;
}

/** Options that take a value (attached, -Xvalue, or the next argument) and are ignored. */
const IGNORED_WITH_VALUE = new Set(['B', 'C', 'L', 'N', 'R', 'V', 'X', 'h', 'O']);
/** Flag options that are ignored. */
const IGNORED_FLAGS = new Set(['U', 'v', 'm', 'n', 'G']);

export function parseSendmailArgs(argv: string[]): SendmailArgs {
  const out: SendmailArgs = { readHeaders: false, ignoreDots: false, mode: 'deliver', recipients: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const takeValue = (flag: string, attached: string): string => {
      if (attached !== '') return attached;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`sendmail: option -${flag} needs a value (see outbound sendmail --help)`);
      return next;
    };
    if (arg === '--') {
      out.recipients.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help') {
      out.help = true;
      continue;
    }
    if (arg === '--db' || arg.startsWith('--db=')) {
      out.db = arg === '--db' ? argv[++i] : arg.slice(5);
      if (!out.db) throw new UsageError('sendmail: option --db needs a value (a database file path)');
      continue;
    }
    if (arg.startsWith('--')) throw new UsageError(`sendmail: unknown option ${arg.split('=')[0]} (see outbound sendmail --help)`);
    if (!arg.startsWith('-') || arg === '-') {
      out.recipients.push(arg);
      continue;
    }
    const flag = arg[1]!;
    const rest = arg.slice(2);
    switch (flag) {
      case 't':
      case 'i':
        // Flags may be grouped ("-ti", "-it").
        for (const c of arg.slice(1)) {
          if (c === 't') out.readHeaders = true;
          else if (c === 'i') out.ignoreDots = true;
          else throw new UsageError(`sendmail: unknown option -${c} in ${arg} (see outbound sendmail --help)`);
        }
        break;
      case 'f':
      case 'r':
        out.envelopeFrom = takeValue(flag, rest);
        break;
      case 'F':
        out.fullName = takeValue(flag, rest);
        break;
      case 'o':
        // -oi is -i; -odb, -odq, -oem, -oep, -oQ…, -oXvalue tune an MTA: ignored.
        if (rest === '') takeValue('o', ''); // "-o X": the option comes next
        else if (rest === 'i') out.ignoreDots = true;
        break;
      case 'b':
        if (rest === 'm' || rest === '') out.mode = 'deliver';
        else if (rest === 'p') out.mode = 'list';
        else if (rest === 'i') out.mode = 'aliases';
        else throw new UsageError(`sendmail: -b${rest} is not supported (only -bm, -bp, -bi)`);
        break;
      default:
        if (IGNORED_WITH_VALUE.has(flag)) {
          takeValue(flag, rest);
        } else if (flag === 'A' || flag === 'e' || flag === 'p') {
          // -Ac/-Am (which config), -eX (error mode), -pproto: attached value only
        } else if (flag === 'q') {
          throw new UsageError('sendmail: -q (run the queue) is not supported here: use `outbound send --all-queued`');
        } else if (IGNORED_FLAGS.has(flag) && rest === '') {
          // accepted, nothing to do
        } else {
          throw new UsageError(`sendmail: unknown option ${arg} (see outbound sendmail --help)`);
        }
    }
  }
  return out;
}
