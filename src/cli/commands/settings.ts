// outbound settings show | set: the relay settings.
import type { PublicSettings } from '../../types.js';
import { parseCommandArgs } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, printJson, shortTime } from '../output.js';
import { SETTINGS_KEYS, parseAssignments, settingsJson } from '../settings-keys.js';
import { readStdin, stdinIsTerminal } from '../stdin.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound settings show [--json]
       outbound settings set KEY=VALUE… [--password-stdin]

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
pipe it with --password-stdin (an empty input clears it) or set
OUTBOUND_SMTP_PASSWORD in the environment of the delivering process.
\`settings show\` prints the password only as set / not set.

Examples:
  outbound settings set host=smtp.example.com port=587 security=require-starttls user=relay@example.com
  printf '%s' "$SMTP_PASS" | outbound settings set --password-stdin
  outbound settings show --json
`;

const OPTIONS = { json: { type: 'boolean' }, 'password-stdin': { type: 'boolean' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('settings', argv, OPTIONS);
  const [action, ...rest] = positionals;
  if (action === 'show' || action === undefined) {
    if (rest.length) throw new UsageError(`settings: show takes no arguments (see outbound settings --help)`);
    if (values['password-stdin']) throw new UsageError('settings: --password-stdin goes with `settings set`');
    const s = await withCore(ctx, values.db, (o) => o.getSettings());
    if (values.json) printJson(settingsJson(s));
    else printSettings(s);
    return 0;
  }
  if (action !== 'set') throw new UsageError(`settings: unknown action ${JSON.stringify(action)}; use show or set`);
  if (values.json) throw new UsageError('settings: --json goes with `settings show`');
  const patch = parseAssignments(rest);
  if (values['password-stdin']) {
    if (stdinIsTerminal()) throw new UsageError('settings: --password-stdin reads the password from a pipe, e.g. printf %s "$PASS" | outbound settings set --password-stdin');
    // One trailing newline (from echo or a file) is not part of the password.
    patch.password = (await readStdin()).toString('utf8').replace(/\r?\n$/, '');
  }
  if (Object.keys(patch).length === 0) throw new UsageError('settings: set needs KEY=VALUE or --password-stdin (see outbound settings --help)');
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
