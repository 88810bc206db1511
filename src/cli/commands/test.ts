// outbound test: send a test email now (or only verify the relay) and show
// the SMTP conversation with a plain-words diagnosis.
import type { TestResult } from '../../types.js';
import { parseCommandArgs } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, write } from '../output.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound test --to A [--subject S]
       outbound test --verify-only

Sends a test email to A through the relay now (it is logged, origin "test")
and prints the SMTP transcript (the password is never shown), the server's
reply and a diagnosis. --verify-only connects and logs in without sending.
Exit status 0 only if the email was accepted (or the relay verified).

Examples:
  outbound test --to me@example.com
  outbound test --verify-only
`;

const OPTIONS = { to: { type: 'string' }, subject: { type: 'string' }, 'verify-only': { type: 'boolean' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('test', argv, OPTIONS, { max: 0 });
  const verifyOnly = values['verify-only'] === true;
  if (!verifyOnly && values.to === undefined) throw new UsageError('test: --to is required (or --verify-only) (see outbound test --help)');
  const result = await withCore(ctx, values.db, (o) =>
    verifyOnly ? o.verify() : o.sendTest({ to: values.to!, ...(values.subject !== undefined ? { subject: values.subject } : {}) }),
  );
  printResult(result, verifyOnly);
  return result.ok ? 0 : 1;
}

function printResult(r: TestResult, verifyOnly: boolean): void {
  if (r.transcript) {
    line('--- transcript');
    write(r.transcript.endsWith('\n') ? r.transcript : `${r.transcript}\n`);
    line('---');
  }
  const what = verifyOnly ? 'verified' : 'delivered';
  line(`result:    ${r.ok ? what.toUpperCase() : 'FAILED'}${r.emailId ? ` (email ${r.emailId})` : ''}`);
  if (r.response) line(`reply:     ${r.response}`);
  if (r.errorCode) line(`error:     ${r.errorCode}`);
  line(`diagnosis: ${r.diagnosis}`);
}
