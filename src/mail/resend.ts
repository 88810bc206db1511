// Forward = resend (RFC 5322 §3.6.6): the original message goes out again,
// byte for byte, with a Resent-* block prepended that says who sent it on,
// to whom, when, and under which id.
import { domainToASCII } from 'node:url';
import { ValidationError } from '../errors.js';
import { parseAddress, parseAddressList } from './address.js';
import { makeMessageId } from './compose.js';
import { assertHeaderSafe } from './header-safety.js';
import { domainOf } from './address.js';
import { formatRfc5322Date } from './raw-message.js';

export interface ResendOptions {
  /** Who forwards it (usually the chosen sender). */
  resentFrom: string;
  /** New recipient(s): one address or a comma-separated list. */
  to: string | readonly string[];
  date: Date | number;
  /** "<id@domain>"; generated at the resent-from domain when absent. */
  messageId?: string;
}

export interface ResentMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

// Resent headers carry bare addresses: ASCII-only by construction (IDN domains as punycode).
function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  return domain.startsWith('[') ? address : `${address.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

/** Like resendMessage, also returning the new Message-ID and the envelope. */
export function resend(raw: Buffer, options: ResendOptions): ResentMessage {
  const from = parseAddress(options.resentFrom, 'from');
  const to = parseAddressList(options.to, 'to');
  if (to.length === 0) throw new ValidationError('to: at least one recipient is required', 'to');
  const messageId = options.messageId ?? makeMessageId(domainOf(from));
  assertHeaderSafe(messageId, 'messageId');
  if (!/^<[^<>\s]+@[^<>\s]+>$/.test(messageId)) {
    throw new ValidationError(`messageId: ${JSON.stringify(messageId)} is not a valid Message-ID (expected <id@domain>)`, 'messageId');
  }
  const date = options.date instanceof Date ? options.date : new Date(options.date);
  if (Number.isNaN(date.getTime())) throw new ValidationError('date: not a valid time', 'date');
  const block =
    `Resent-From: ${asciiAddress(from)}\r\n` +
    `Resent-To: ${to.map(asciiAddress).join(', ')}\r\n` +
    `Resent-Date: ${formatRfc5322Date(date)}\r\n` +
    `Resent-Message-ID: ${messageId}\r\n`;
  return { raw: Buffer.concat([Buffer.from(block, 'latin1'), raw]), messageId, envelope: { from, to } };
}

/** Prepends Resent-From / Resent-To / Resent-Date / Resent-Message-ID; the original bytes follow untouched. */
export function resendMessage(raw: Buffer, options: ResendOptions): Buffer {
  return resend(raw, options).raw;
}
