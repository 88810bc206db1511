// outbound settings show | set: the relay settings.
import type { PublicSettings } from '../../types.js';
import { parseCommandArgs } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, printJson, shortTime } from '../output.js';
import { SETTINGS_KEYS, parseAssignments, settingsJson } from '../settings-keys.js';
import { readStdin, stdinIsTerminal } from '../stdin.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound settings show [--json]
       outbound settings set KEY=VALUE… [--password-stdin | --clear-password]

Keys: ${Object.keys(SETTINGS_KEYS).join(', ')}.
  host            relay host name ("localhost" = this machine's own MTA)
  port            relay port (25, 587, 465…)
  user            login user name ('' = no login)
  security        starttls (opportunistic) | require-starttls | tls (implicit) | none
  verifyCertificates  true|false
  daysToKeep      days to keep sent/failed emails in the Log
  defaultSender   Default Sender Email (last rule of the sender precedence)
  maxConnections  parallel SMTP connections;  rateLimit  messages/second (0 = no limit)
  maxLifetimeHours  give up retrying after this long;  autoDelivery  true|false

All values are checked before anything is saved (all or nothing). The
password is never accepted as KEY=VALUE (ps and shell history would show it):
pipe it with --password-stdin or set OUTBOUND_SMTP_PASSWORD in the
environment of the delivering process. An empty --password-stdin is an error
(exit 2, nothing saved), so an unset variable never wipes the password.
  --password-stdin   read the relay password from stdin (one trailing newline dropped)
  --clear-password   remove the stored password (no login password)
\`settings show\` prints the password only as set / not set.

Examples:
  outbound settings set host=smtp.example.com port=587 security=require-starttls user=relay@example.com
  printf '%s' "$SMTP_PASS" | outbound settings set --password-stdin
  outbound settings set --clear-password
  outbound settings show --json
`;

const OPTIONS = {
  json: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  'clear-password': { type: 'boolean' },
} as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('settings', argv, OPTIONS);
  const [action, ...rest] = positionals;
  if (action === 'show' || action === undefined) {
    if (rest.length) throw new UsageError(`settings: show takes no arguments (see outbound settings --help)`);
    if (values['password-stdin']) throw new UsageError('settings: --password-stdin goes with `settings set`');
    if (values['clear-password']) throw new UsageError('settings: --clear-password goes with `settings set`');
    const s = await withCore(ctx, values.db, (o) => o.getSettings());
    if (values.json) printJson(settingsJson(s));
    else printSettings(s);
    return 0;
  }
  if (action !== 'set') throw new UsageError(`settings: unknown action ${JSON.stringify(action)}; use show or set`);
  if (values.json) throw new UsageError('settings: --json goes with `settings show`');
  if (values['password-stdin'] && values['clear-password']) {
    throw new UsageError('settings: choose --password-stdin or --clear-password, not both');
  }
  const patch = parseAssignments(rest);
  if (values['password-stdin']) {
    if (stdinIsTerminal()) throw new UsageError('settings: --password-stdin reads the password from a pipe, e.g. printf %s "$PASS" | outbound settings set --password-stdin');
    // One trailing newline (from echo or a file) is not part of the password.
    const password = (await readStdin()).toString('utf8').replace(/\r?\n$/, '');
    // Empty input is almost always an unset variable (printf '%s' "$TYPO"):
    // refuse it rather than silently wiping the relay password.
    if (password === '') {
      throw new UsageError('--password-stdin read an empty password; to remove the stored password use `outbound settings set --clear-password`');
    }
    patch.password = password;
  }
  if (values['clear-password']) patch.password = '';
  if (Object.keys(patch).length === 0) throw new UsageError('settings: set needs KEY=VALUE, --password-stdin or --clear-password (see outbound settings --help)');
  const saved = await withCore(ctx, values.db, (o) => o.updateSettings(patch));
  const changed = Object.keys(patch).map((k) => (k === 'password' ? `password (${saved.passwordSet ? 'set' : 'cleared'})` : k));
  line(`saved: ${changed.join(', ')}`);
  return 0;
}

function printSettings(s: PublicSettings): void {
  const json = settingsJson(s);
  const width = Math.max(...Object.keys(json).map((k) => k.length)) + 2;
  for (const [key, value] of Object.entries(json)) line(`${key.padEnd(width)}${String(value)}`);
  if (s.host === 'localhost' || s.host === '127.0.0.1' || s.host === '::1') {
    line('');
    line('note: the relay is this machine\'s own MTA (Postfix, Exim…): it must be running and resolve DNS;');
    line('      "sent" then only means it accepted the message.');
  }
  if (s.updatedAt) line(`\nlast changed ${shortTime(s.updatedAt)}${s.updatedBy ? ` by ${s.updatedBy}` : ''}`);
}
