// outbound forward: resend an email to another address (a new linked Log row).
import { parseCommandArgs, parseId, required } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, oneLine } from '../output.js';
import { CommandFailure } from '../usage-error.js';

export const help = `Usage: outbound forward ID --to A

Resends email ID, unchanged, to address A at once: a new Log row linked to
the original, with Resent-From/To/Date headers; the original is untouched.
Prints the new row ("15 sent 250 …"); exit status 0 only if it was sent.

Example:
  outbound forward 12 --to auditor@example.com
`;

const OPTIONS = { to: { type: 'string' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('forward', argv, OPTIONS, { min: 1, max: 1 });
  const id = parseId('forward', positionals[0]!);
  const to = required('forward', 'to', values.to);
  return withCore(ctx, values.db, async (o) => {
    if (!o.getEmail(id)) throw new CommandFailure(`forward: no email with id ${id} (see outbound log)`);
    const row = await o.forward(id, to);
    const detail = row.status === 'sent' ? row.smtpResponse : row.lastError || row.smtpResponse;
    line(`${row.id} ${row.status}${detail ? ` ${oneLine(detail)}` : ''}`);
    return row.status === 'sent' ? 0 : 1;
  });
}
