// outbound auto on|off|status: the automatic-delivery toggle (global, in the database).
import { parseCommandArgs } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, shortTime } from '../output.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound auto on|off|status

Automatic delivery. OFF (the default): nothing is ever sent automatically,
retries included; mail waits for Send Now (\`outbound send\`, or the console).
ON: every running console or \`outbound serve\` delivers new mail within a second.
The change is audited and seen by every process within a second.

Examples:
  outbound auto status
  outbound auto on
`;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('auto', argv, {}, { max: 1 });
  const action = positionals[0] ?? 'status';
  if (!['on', 'off', 'status'].includes(action)) throw new UsageError(`auto: expected on, off or status, not ${JSON.stringify(action)}`);
  await withCore(ctx, values.db, (o) => {
    if (action !== 'status') o.setAutoDelivery(action === 'on');
    const s = o.getSettings();
    const who = s.autoDeliveryChangedAt
      ? ` (changed ${shortTime(s.autoDeliveryChangedAt)}${s.autoDeliveryChangedBy ? ` by ${s.autoDeliveryChangedBy}` : ''})`
      : '';
    line(`automatic delivery is ${s.autoDelivery ? 'ON' : 'OFF'}${who}`);
    if (!s.autoDelivery) {
      const waiting = o.counts();
      if (waiting.queued + waiting.deferred > 0) line(`${waiting.queued + waiting.deferred} emails wait for Send Now (outbound send --all-queued)`);
    }
  });
  return 0;
}
