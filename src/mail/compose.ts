// MIME composition with nodemailer's MailComposer. A message is composed once,
// at enqueue: its Message-ID and Date are fixed then, so a retry or a resend
// carries exactly the bytes the Log shows.
import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import { ValidationError } from '../errors.js';
import { domainOf, formatAddressList, isValidDomain, parseMailbox, parseMailboxList, uniqueAddresses, type Mailbox } from './address.js';
import { assertCustomHeaders, assertHeaderSafe } from './header-safety.js';

export interface ComposeInput {
  /** "a@b" or "Name <a@b>". */
  from: string;
  to: string | readonly string[];
  cc?: string | readonly string[];
  bcc?: string | readonly string[];
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  /** The enqueue time: becomes the Date header. */
  date: Date | number;
  /** Right-hand side of the Message-ID; default: the sender's domain. */
  messageIdDomain?: string;
}

export interface ComposedMessage {
  /** The full RFC 5322 message, CRLF line endings, no Bcc header. */
  raw: Buffer;
  /** With angle brackets: "<uuid@domain>". */
  messageId: string;
  /** SMTP envelope: bare sender, every To/Cc/Bcc recipient once. */
  envelope: { from: string; to: string[] };
  size: number;
  /** Display strings for the Log ("Ann <a@x>, b@y"). */
  display: { from: string; to: string; cc: string; bcc: string };
  subject: string;
}

/** A fresh Message-ID: "<random@domain>". */
export function makeMessageId(domain: string): string {
  // Message-ID is an ASCII header: an internationalised domain goes in as punycode.
  const ascii = domain.startsWith('[') ? domain : domainToASCII(domain.toLowerCase());
  const rhs = ascii && isValidDomain(ascii) ? ascii : 'localhost';
  return `<${randomUUID()}@${rhs}>`;
}

interface Prepared {
  mail: ConstructorParameters<typeof MailComposer>[0];
  messageId: string;
  envelope: { from: string; to: string[] };
  display: ComposedMessage['display'];
  subject: string;
}

/** Validates everything (throws ValidationError naming the field) and builds MailComposer options. */
function prepare(input: ComposeInput): Prepared {
  if (typeof input.from !== 'string') throw new ValidationError('from: a sender address is required', 'from');
  const from = parseMailbox(input.from, 'from');
  const to = parseMailboxList(input.to, 'to');
  const cc = parseMailboxList(input.cc, 'cc');
  const bcc = parseMailboxList(input.bcc, 'bcc');
  if (to.length + cc.length + bcc.length === 0) {
    throw new ValidationError('to: at least one recipient is required', 'to');
  }
  const subject = input.subject ?? '';
  if (typeof subject !== 'string') throw new ValidationError('subject: must be text', 'subject');
  assertHeaderSafe(subject, 'subject');
  const headers = assertCustomHeaders(input.headers);
  if (input.text != null && typeof input.text !== 'string') throw new ValidationError('text: must be text', 'text');
  if (input.html != null && typeof input.html !== 'string') throw new ValidationError('html: must be text', 'html');
  const date = input.date instanceof Date ? input.date : new Date(input.date);
  if (Number.isNaN(date.getTime())) throw new ValidationError('date: not a valid time', 'date');
  const messageId = makeMessageId(input.messageIdDomain ?? domainOf(from.address));
  const toMc = (list: Mailbox[]) => list.map((m) => ({ name: m.name, address: m.address }));
  return {
    mail: {
      from: toMc([from])[0],
      to: toMc(to),
      cc: cc.length ? toMc(cc) : undefined,
      // Given to MailComposer only so its envelope would match; MimeNode drops
      // the Bcc header when building (keepBcc is false), and we build the
      // envelope ourselves anyway.
      bcc: bcc.length ? toMc(bcc) : undefined,
      subject,
      // A message with neither part still needs a body: an empty text/plain.
      text: input.text ?? (input.html == null ? '' : undefined),
      html: input.html,
      headers,
      date,
      messageId,
      newline: 'win', // CRLF throughout, whatever the caller's text used
    },
    messageId,
    envelope: { from: from.address, to: uniqueAddresses([to, cc, bcc]) },
    display: {
      from: formatAddressList([from]),
      to: formatAddressList(to),
      cc: formatAddressList(cc),
      bcc: formatAddressList(bcc),
    },
    subject,
  };
}

async function build(p: Prepared): Promise<ComposedMessage> {
  const raw = await new MailComposer(p.mail).compile().build();
  return { raw, messageId: p.messageId, envelope: p.envelope, size: raw.length, display: p.display, subject: p.subject };
}

/** Composes one message. Bcc recipients are in the envelope only, never in the raw headers. */
export async function composeMessage(input: ComposeInput): Promise<ComposedMessage> {
  return build(prepare(input));
}

/**
 * Composes a batch. Every input is validated before anything is built, so a
 * bad one fails the batch at once ("message 3: to: …"). The result is not
 * parsed again: prepare() already knows the envelope and display strings.
 */
export async function composeMany(inputs: readonly ComposeInput[]): Promise<ComposedMessage[]> {
  const prepared = inputs.map((input, i) => {
    try {
      return prepare(input);
    } catch (err) {
      if (err instanceof ValidationError && inputs.length > 1) {
        throw new ValidationError(`message ${i + 1}: ${err.message}`, err.field);
      }
      throw err;
    }
  });
  // Building is stream-based and mostly synchronous CPU work; a bounded number
  // in flight keeps memory flat for large batches without losing throughput.
  const out: ComposedMessage[] = new Array(prepared.length);
  const WINDOW = 64;
  for (let start = 0; start < prepared.length; start += WINDOW) {
    const slice = prepared.slice(start, start + WINDOW);
    const built = await Promise.all(slice.map(build));
    for (let j = 0; j < built.length; j++) out[start + j] = built[j]!;
  }
  return out;
}
