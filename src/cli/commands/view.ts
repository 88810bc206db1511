// outbound view: one email decoded (headers, body, attachments) with its
// delivery attempts, or --raw: the exact stored bytes.
import type { EmailDetail } from '../../types.js';
import { parseCommandArgs, parseId } from '../args.js';
import { withCore, type CommandContext } from '../context.js';
import { line, oneLine, shortTime, write } from '../output.js';
import { CommandFailure } from '../usage-error.js';

export const help = `Usage: outbound view ID [--raw]

Shows one email: its Log fields, the decoded headers and body (text part, or
the HTML part as text), attachments, and every delivery attempt with the
server's reply and a diagnosis. --raw writes the stored RFC 5322 message byte
for byte (what is relayed), e.g. to save or diff it.

Examples:
  outbound view 12
  outbound view 12 --raw > message.eml
`;

const OPTIONS = { raw: { type: 'boolean' } } as const;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('view', argv, OPTIONS, { min: 1, max: 1 });
  const id = parseId('view', positionals[0]!);
  const email = await withCore(ctx, values.db, (o) => o.getEmail(id));
  if (!email) throw new CommandFailure(`view: no email with id ${id} (see outbound log)`);
  if (values.raw) {
    await new Promise<void>((resolve, reject) => process.stdout.write(email.raw, (err) => (err ? reject(err) : resolve())));
    return 0;
  }
  await printDecoded(email);
  return 0;
}

async function printDecoded(email: EmailDetail): Promise<void> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(email.raw, { skipImageLinks: true, skipTextToHtml: true });
  const field = (name: string, value: string | number | null | undefined) => {
    // 16 = the longest label ("Forwarded from:") and one space.
    if (value !== null && value !== undefined && value !== '') line(`${`${name}:`.padEnd(16)}${oneLine(String(value))}`);
  };
  field('Email', `${email.id} (${email.status})`);
  field('Created', shortTime(email.createdAt));
  field('Sent', shortTime(email.sentAt));
  field('From', `${email.from}  [source: ${email.fromSource}]`);
  field('To', email.to);
  field('Cc', email.cc);
  field('Bcc', email.bcc);
  field('Envelope', `${email.envelope.from || '<>'} → ${email.envelope.to.join(', ')}`);
  field('Subject', email.subject);
  field('Message-ID', email.messageId);
  field('Origin', email.origin);
  field('Forwarded from', email.forwardedFromId ? `email #${email.forwardedFromId}` : null);
  field('Attempts', email.attempts);
  field('Next attempt', email.status === 'deferred' ? shortTime(email.nextAttemptAt) : null);
  field('Last error', email.lastError);
  field('Server reply', email.smtpResponse);
  field('Size', `${email.size} bytes`);

  line();
  line('--- headers');
  for (const h of parsed.headerLines) line(oneLine(h.line));
  line();
  line('--- body');
  const body = parsed.text ?? (typeof parsed.html === 'string' ? htmlToText(parsed.html) : '');
  write(body.endsWith('\n') || body === '' ? body : `${body}\n`);
  if (parsed.attachments.length) {
    line();
    line('--- attachments');
    for (const a of parsed.attachments) line(`${a.filename ?? '(unnamed)'}  ${a.contentType}  ${a.size} bytes`);
  }
  line();
  line('--- delivery attempts');
  if (email.attemptsHistory.length === 0) line('none yet');
  for (const a of email.attemptsHistory) {
    line(`${shortTime(a.startedAt)}  ${a.outcome}  ${oneLine(a.response || a.errorCode || '')}`);
    if (a.diagnosis) line(`    ${oneLine(a.diagnosis)}`);
  }
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>|<\/h\d>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
