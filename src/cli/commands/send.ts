// outbound send: Send Now for chosen ids, or every queued/deferred email.
import { parseCommandArgs, parseId } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, oneLine } from '../output.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound send ID… [--resend]
       outbound send --all-queued

Send Now: delivers the chosen emails at once, whatever the automatic-delivery
toggle. Without --resend only queued and deferred emails are sent; --resend
also sends again emails that are already sent or failed. Prints one line per
id ("12 sent 250 2.0.0 Ok", "13 deferred 451 …", "14 skipped: …").
Exit status 0 only if every email was sent.

Examples:
  outbound send 12 13
  outbound send --all-queued
`;

const OPTIONS = {
  'all-queued': { type: 'boolean' },
  resend: { type: 'boolean' },
} as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('send', argv, OPTIONS);
  const all = values['all-queued'] === true;
  if (all && positionals.length) throw new UsageError('send: give ids or --all-queued, not both');
  if (!all && positionals.length === 0) throw new UsageError('send: give one or more ids, or --all-queued (see outbound send --help)');
  const ids = positionals.map((p) => parseId('send', p));

  return withCore(ctx, values.db, async (o) => {
    const chosen = all
      ? [...o.matchingIds('status:queued'), ...o.matchingIds('status:deferred')].sort((a, b) => a - b)
      : [...new Set(ids)];
    if (chosen.length === 0) {
      line('nothing to send: no queued or deferred emails');
      return 0;
    }
    // Ctrl-C: stop claiming, let the sends in flight finish and return the
    // rest to the queue (instead of leaving them leased for minutes).
    const interrupt = () => {
      process.stderr.write('outbound: send: interrupted: finishing the sends in flight, the rest stays queued\n');
      process.exitCode = 130;
      void o.close().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const result = await o.sendNow(chosen, { resend: values.resend === true }).finally(() => {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    });
    const outcome = new Map<number, string>();
    for (const id of result.sent) outcome.set(id, 'sent');
    for (const id of result.deferred) outcome.set(id, 'deferred');
    for (const id of result.failed) outcome.set(id, 'failed');
    const skipped = new Map(result.skipped.map((s) => [s.id, s.reason]));
    for (const id of chosen) {
      const state = outcome.get(id);
      if (state) {
        const email = o.getEmail(id);
        const detail = state === 'sent' ? email?.smtpResponse : email?.lastError || email?.smtpResponse;
        line(`${id} ${state}${detail ? ` ${oneLine(detail)}` : ''}`);
      } else {
        line(`${id} skipped: ${oneLine(cliReason(skipped.get(id) ?? 'not attempted'))}`);
      }
    }
    return result.sent.length === chosen.length ? 0 : 1;
  });
}

/**
 * The store's skip reason names the action ("resend to send it again"), shared
 * with the console; on the command line the action is the --resend flag.
 */
function cliReason(reason: string): string {
  return reason.replace(/\(resend to /, '(--resend to ');
}
