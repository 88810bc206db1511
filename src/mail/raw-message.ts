// Reading messages that arrive already in RFC 5322 form (sendmail, SMTP
// submission). All byte work is done on Buffers through 'latin1' strings,
// which map each byte to one char and back: 8-bit bodies survive byte for byte.
//
// A minimal header reader rather than mailparser: mailparser is async and
// parses the whole MIME tree, while sendmail -t needs only a handful of
// header values, synchronously, and must never re-encode the message.
import { ValidationError } from '../errors.js';
import addressparser from 'nodemailer/lib/addressparser';
import { formatMailbox, isValidAddress, parseMailboxList, type Mailbox } from './address.js';
import { makeMessageId } from './compose.js';
import { decodeWords } from './rfc2047.js';
import { domainOf } from './address.js';

export interface RawHeader {
  /** As written ("Subject"). */
  name: string;
  /** Unfolded (CRLF + whitespace removed), not decoded. */
  value: string;
}

export interface ParsedRawMessage {
  /** Bare address of the From header, if any. */
  from?: string;
  /** From header for display: "Name <a@b>", RFC 2047 decoded. */
  fromDisplay?: string;
  /** Bare addresses of every To / Cc / Bcc header. */
  to: string[];
  cc: string[];
  bcc: string[];
  /** Decoded for display. */
  subject: string;
  messageId?: string;
  date?: string;
  headers: RawHeader[];
}

/** Byte offset where the body starts (after the blank line), and the header block's end. */
export function splitHeaderBlock(raw: Buffer): { headerEnd: number; bodyStart: number } {
  const s = raw.toString('latin1');
  // The header block ends at the first empty line.
  if (s.startsWith('\r\n')) return { headerEnd: 0, bodyStart: 2 };
  if (s.startsWith('\n')) return { headerEnd: 0, bodyStart: 1 };
  const re = /\r?\n(\r?\n)/g;
  const m = re.exec(s);
  if (!m) return { headerEnd: s.length, bodyStart: s.length };
  return { headerEnd: m.index + m[0].length - m[1]!.length, bodyStart: m.index + m[0].length };
}

function headerText(raw: Buffer, headerEnd: number): string {
  const bytes = raw.subarray(0, headerEnd);
  // RFC 6532 allows raw UTF-8 in headers; fall back to latin1 for legacy 8-bit.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Header lines, unfolded, in order. Lines that are not "Name: value" are skipped. */
export function readHeaders(raw: Buffer): RawHeader[] {
  const { headerEnd } = splitHeaderBlock(raw);
  const text = headerText(raw, headerEnd);
  const out: RawHeader[] = [];
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const unfolded = line.replace(/\r?\n(?=[ \t])/g, '');
    const colon = unfolded.indexOf(':');
    if (colon <= 0) continue;
    const name = unfolded.slice(0, colon).trim();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    out.push({ name, value: unfolded.slice(colon + 1).trim() });
  }
  return out;
}

function decodeMailboxNames(list: Mailbox[]): Mailbox[] {
  return list.map((m) => ({ name: decodeWords(m.name), address: m.address }));
}

/**
 * To/Cc/Bcc/From/Subject/Message-ID of a raw message (sendmail, SMTP submission).
 * Header addresses here are only shown in the Log, never used for delivery, so
 * they are read leniently: cron, mdadm and logwatch write bare local names
 * ("From: root (Cron Daemon)", "To: root") and such mail must still be queued.
 * An address that does not validate is kept as written; a From that does not
 * validate is left out, so the sender precedence chooses the envelope sender.
 */
export function parseRawMessage(raw: Buffer): ParsedRawMessage {
  const headers = readHeaders(raw);
  const values = (name: string) => headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  const list = (name: string) => lenientMailboxes(values(name));
  const fromList = decodeMailboxNames(list('from')).filter((m) => isValidAddress(m.address));
  const first = (name: string) => values(name)[0];
  const result: ParsedRawMessage = {
    to: list('to').map((m) => m.address),
    cc: list('cc').map((m) => m.address),
    bcc: list('bcc').map((m) => m.address),
    subject: decodeWords(first('subject') ?? ''),
    headers,
  };
  if (fromList[0]) {
    result.from = fromList[0].address;
    result.fromDisplay = formatMailbox(fromList[0]);
  }
  const messageId = first('message-id');
  if (messageId) result.messageId = messageId;
  const date = first('date');
  if (date) result.date = date;
  return result;
}

/** Mailboxes as written (groups flattened), valid or not: for display only. */
function lenientMailboxes(values: readonly string[]): Mailbox[] {
  const out: Mailbox[] = [];
  const add = (entry: { name?: string; address?: string; group?: unknown[] }) => {
    if (entry.group) return (entry.group as typeof entry[]).forEach(add);
    // addressparser reads a bare "root" as a display name without an address.
    const name = (entry.name ?? '').trim();
    const address = (entry.address ?? '').trim() || (/^\S+$/.test(name) ? name : '');
    if (address) out.push({ name: address === name ? '' : name, address });
  };
  for (const value of values) addressparser(value).forEach(add);
  return out;
}

/** Removes Bcc (and Resent-Bcc) header lines with their folded continuations; every other byte is kept. */
export function stripBcc(raw: Buffer): Buffer {
  const { headerEnd } = splitHeaderBlock(raw);
  const head = raw.toString('latin1', 0, headerEnd);
  if (!/(^|\n)(resent-)?bcc[ \t]*:/i.test(head)) return raw;
  // A header line with its continuations: up to and including the newline
  // that is not followed by a space or tab.
  const lines = head.match(/[^\n]*(?:\n[ \t][^\n]*)*(?:\n|$)/g) ?? [];
  const kept = lines.filter((line) => line !== '' && !/^(resent-)?bcc[ \t]*:/i.test(line)).join('');
  return Buffer.concat([Buffer.from(kept, 'latin1'), raw.subarray(headerEnd)]);
}

export interface SendmailInputOptions {
  /** sendmail -i / -oi: a line with a single "." does not end the input. */
  ignoreDots?: boolean;
}

/**
 * What `sendmail` reads on stdin, made ready to queue:
 * - without -i, a line holding only "." ends the message (the rest is ignored);
 * - bare LF line endings become CRLF; CRLF already there is left alone, so a
 *   message already in CRLF comes out byte for byte identical.
 */
export function readSendmailInput(buf: Buffer, options: SendmailInputOptions = {}): Buffer {
  let data = buf;
  if (!options.ignoreDots) {
    const s = data.toString('latin1');
    const m = /(^|\n)\.(\r?\n|$)/.exec(s);
    if (m) data = data.subarray(0, m.index + m[1]!.length);
  }
  return toCrlf(data);
}

/** Bare LF → CRLF; leaves existing CRLF (and lone CR) untouched. */
export function toCrlf(buf: Buffer): Buffer {
  let bare = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) if (i === 0 || buf[i - 1] !== 13) bare++;
  if (bare === 0) return buf;
  const out = Buffer.allocUnsafe(buf.length + bare);
  let o = 0;
  let from = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) {
    if (i > 0 && buf[i - 1] === 13) continue;
    o += buf.copy(out, o, from, i);
    out[o++] = 13;
    out[o++] = 10;
    from = i + 1;
  }
  o += buf.copy(out, o, from);
  return out;
}

export interface MissingHeaderOptions {
  /** Date for a missing Date header (the enqueue time). */
  date: Date | number;
  /** From for a missing From header (the chosen sender). */
  from?: string;
  /** Domain for a generated Message-ID; default: the From's domain. */
  messageIdDomain?: string;
}

/**
 * Adds Date, Message-ID and From when the producer left them out (cron mail
 * often does), as an MTA would on submission. Existing headers and the body
 * are not touched. Returns the message and its Message-ID.
 */
export function addMissingHeaders(raw: Buffer, options: MissingHeaderOptions): { raw: Buffer; messageId: string; added: string[] } {
  const parsed = readHeaders(raw);
  const has = (n: string) => parsed.some((h) => h.name.toLowerCase() === n);
  const lines: string[] = [];
  const added: string[] = [];
  let messageId = parsed.find((h) => h.name.toLowerCase() === 'message-id')?.value ?? '';
  if (!has('from') && options.from) {
    const from = parseMailboxList(options.from, 'from')[0];
    if (!from) throw new ValidationError('from: an email address is required', 'from');
    lines.push(`From: ${from.address}`);
    added.push('From');
  }
  if (!has('date')) {
    lines.push(`Date: ${formatRfc5322Date(options.date)}`);
    added.push('Date');
  }
  if (!messageId) {
    // The header From may be a bare local name (cron's "root"): take the first
    // address that has a domain, from the header or else the chosen sender.
    const fromHeader = parsed.find((h) => h.name.toLowerCase() === 'from')?.value ?? '';
    const fromAddress = lenientMailboxes([fromHeader, options.from ?? '']).find((m) => isValidAddress(m.address))?.address ?? '';
    messageId = makeMessageId(options.messageIdDomain ?? domainOf(fromAddress));
    lines.push(`Message-ID: ${messageId}`);
    added.push('Message-ID');
  }
  if (lines.length === 0) return { raw, messageId, added };
  return { raw: Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'), raw]), messageId, added };
}

/** "Thu, 03 Dec 2026 13:00:00 +0000". */
export function formatRfc5322Date(date: Date | number): string {
  const d = date instanceof Date ? date : new Date(date);
  return d.toUTCString().replace(/GMT$/, '+0000');
}
