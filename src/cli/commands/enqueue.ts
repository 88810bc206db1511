// outbound enqueue: queue one email from the command line.
import { readFile } from 'node:fs/promises';
import type { EnqueueInput } from '../../types.js';
import { parseCommandArgs, required } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line } from '../output.js';
import { readStdin, stdinIsTerminal } from '../stdin.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const help = `Usage: outbound enqueue --to A[,B] [--cc A] [--bcc A] --subject S
         [--text T | --text-file F | (stdin)] [--html-file F]
         [--from A] [--template NAME] [--desk NAME] [--origin LABEL] [--json]

Queues one email. Delivery is done by a running console or \`outbound serve\`
(or \`outbound send ID\`). Prints the new id, or with --json
{"id", "status", "from", "fromSource"}.

  --to A[,B]        recipients (repeat the option or separate with commas)
  --cc A, --bcc A   copy / blind copy recipients (Bcc never appears in the headers)
  --subject S       the subject (required)
  --text T          plain-text body; or --text-file F ('-' = stdin); else stdin
                    is read when it is not a terminal
  --html-file F     an HTML alternative
  --from A          the sender (rule 1 of the precedence); else the template's
                    From, else the desk's reader Reply address, else defaultSender
  --template NAME   link a message template   --desk NAME   link a service desk
  --origin LABEL    who made it (default "cli"), shown in the Log
  --json            print {"id","status","from","fromSource"}

Example:
  echo 'Disk /var is 91% full' | outbound enqueue --to ops@example.com --subject 'disk alert'
`;

const OPTIONS = {
  to: { type: 'string', multiple: true },
  cc: { type: 'string', multiple: true },
  bcc: { type: 'string', multiple: true },
  subject: { type: 'string' },
  text: { type: 'string' },
  'text-file': { type: 'string' },
  'html-file': { type: 'string' },
  from: { type: 'string' },
  template: { type: 'string' },
  desk: { type: 'string' },
  origin: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function readBodyFile(option: string, path: string): Promise<string> {
  if (path === '-') return (await readStdin()).toString('utf8');
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    throw new CommandFailure(`enqueue: cannot read --${option} ${path}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('enqueue', argv, OPTIONS, { max: 0 });
  const to = values.to ?? [];
  if (to.length === 0) throw new UsageError('enqueue: --to is required (see outbound enqueue --help)');
  const subject = required('enqueue', 'subject', values.subject);
  if (values.text !== undefined && values['text-file'] !== undefined) {
    throw new UsageError('enqueue: give either --text or --text-file, not both');
  }
  let text = values.text;
  if (text === undefined && values['text-file'] !== undefined) text = await readBodyFile('text-file', values['text-file']);
  if (text === undefined && !stdinIsTerminal()) text = (await readStdin()).toString('utf8');
  const html = values['html-file'] !== undefined ? await readBodyFile('html-file', values['html-file']) : undefined;

  const input: EnqueueInput = { to, subject, origin: values.origin ?? 'cli' };
  if (values.cc) input.cc = values.cc;
  if (values.bcc) input.bcc = values.bcc;
  if (text !== undefined) input.text = text;
  if (html !== undefined) input.html = html;
  if (values.from !== undefined) input.from = values.from;
  if (values.template !== undefined) input.template = values.template;
  if (values.desk !== undefined) input.desk = values.desk;

  const result = await withCore(ctx, values.db, (o) => o.enqueue(input));
  if (values.json) {
    line(JSON.stringify({ id: result.id, status: result.status, from: result.from, fromSource: result.fromSource }));
  } else {
    line(String(result.id));
  }
  return 0;
}
