// outbound sendmail: a drop-in /usr/sbin/sendmail. Reads an RFC 5322 message
// on stdin and queues it unchanged (Bcc removed, bare LF → CRLF), silent on
// success like sendmail. Delivery is done by `outbound serve` or a console.
import { readSendmailInput } from '../../mail/raw-message.js';
import { headerRecipients } from '../header-recipients.js';
import { withCore, type CommandContext } from '../context.js';
import { eachRow } from './log.js';
import { line, printTable, shortTime } from '../output.js';
import { parseSendmailArgs } from '../sendmail-args.js';
import { resolveLocalRecipients } from '../aliases.js';
import { readStdin } from '../stdin.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const help = `Usage: outbound sendmail [-t] [-i] [-f FROM] [RCPT…]
       (or installed as /usr/sbin/sendmail: sendmail [-t] [-i] [-f FROM] [RCPT…])

Reads a message (RFC 5322: headers, blank line, body) on stdin and queues it
byte for byte: 8-bit and MIME bodies are untouched, Bcc headers removed, bare
LF line ends become CRLF. Prints nothing on success (exit 0). A temporary
failure (the database is locked by another process) exits 75 (EX_TEMPFAIL):
cron, mdadm and other sendmail callers keep the message and try later.

  -t            recipients from the To, Cc and Bcc headers (plus any RCPT given)
  -i, -oi       a line with only "." does not end the message (without -i it does)
  -f FROM, -r FROM   envelope sender; else the From header, else the
                default sender precedence
  -F NAME, -oXXX, -odb, -oem, -bm, -B 8BITMIME, -N …, -U, -v   accepted, ignored
  -bp           list queued and deferred mail (as mailq)
  -bi           nothing to do (as newaliases)
  --db PATH     the database (else $OUTBOUND_DB, else the XDG default)

Local names without a domain ("root", as cron and mdadm use) are mapped
through /etc/aliases (or the file in OUTBOUND_ALIASES): "root: admin@example.com",
and "default: admin@example.com" for any other local name.

Examples:
  printf 'Subject: backup done\\n\\nAll good.\\n' | outbound sendmail -i ops@example.com
  outbound sendmail -t < message.eml
`;

/** sysexits.h EX_TEMPFAIL: sendmail's callers read it as "not lost, try again later". */
const EX_TEMPFAIL = 75;

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  try {
    return await runSendmail(argv, ctx);
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    if (e?.name === 'StoreError' && e.code === 'LOCKED') throw new CommandFailure(String(e.message), EX_TEMPFAIL);
    throw err;
  }
}

async function runSendmail(argv: string[], ctx: CommandContext): Promise<number> {
  const args = parseSendmailArgs(argv);
  if (args.help) {
    process.stdout.write(help);
    return 0;
  }
  if (args.mode === 'aliases') return 0;
  if (args.mode === 'list') return listQueue(ctx, args.db);
  if (!args.readHeaders && args.recipients.length === 0) {
    throw new UsageError('sendmail: no recipients: give addresses as arguments, or -t to read To/Cc/Bcc');
  }
  const input = await readStdin();
  const raw = readSendmailInput(input, { ignoreDots: args.ignoreDots });
  if (raw.toString('latin1').trim() === '') throw new CommandFailure('sendmail: no message on stdin: nothing queued');
  const recipients = [...args.recipients];
  if (args.readHeaders) {
    recipients.push(...headerRecipients(raw));
    if (recipients.length === 0) throw new CommandFailure('sendmail: -t found no To, Cc or Bcc header and no recipient was given: nothing queued');
  }
  const resolved = resolveLocalRecipients(recipients);
  await withCore(ctx, args.db, (o) =>
    o.enqueueRaw({
      raw,
      recipients: resolved,
      origin: 'sendmail',
      ...(args.envelopeFrom && args.envelopeFrom !== '<>' ? { envelopeFrom: args.envelopeFrom } : {}),
    }),
  );
  return 0;
}

/** sendmail -bp / mailq: the mail still waiting. */
async function listQueue(ctx: CommandContext, db: string | undefined): Promise<number> {
  await withCore(ctx, db, (o) => {
    const rows = [...eachRow(o, 'status:queued,deferred,sending', { column: 'createdAt', direction: 'asc' }, 0)];
    if (rows.length === 0) {
      line('Mail queue is empty');
      return;
    }
    printTable(rows, [
      { header: 'ID', value: (e) => String(e.id), right: true },
      { header: 'STATUS', value: (e) => e.status },
      { header: 'CREATED', value: (e) => shortTime(e.createdAt) },
      { header: 'SIZE', value: (e) => String(e.size), right: true },
      { header: 'FROM', value: (e) => e.from, flexible: true },
      { header: 'TO', value: (e) => e.to, flexible: true },
      { header: 'LAST ERROR', value: (e) => e.lastError ?? '', flexible: true },
    ]);
    line(`-- ${rows.length} email${rows.length === 1 ? '' : 's'} waiting`);
  });
  return 0;
}
