// Enqueue of a message that is already RFC 5322 (sendmail, SMTP submission):
// the bytes are kept as given (minus any Bcc header), the envelope comes from
// the producer, the sender from the precedence chain.
import { ValidationError } from '../errors.js';
import { formatAddressList, parseAddressList } from '../mail/address.js';
import { addMissingHeaders, parseRawMessage, stripBcc } from '../mail/raw-message.js';
import { chooseSender } from '../mail/sender.js';
import type { Store } from '../store/open.js';
import { insertEmails } from '../store/emails.js';
import type { EnqueueRawInput, EnqueueResult } from '../types.js';
import { checkOrigin } from './enqueue.js';

export function enqueueRawMessage(store: Store, input: EnqueueRawInput, defaultSender: string, now = Date.now()): EnqueueResult {
  if (!input || !Buffer.isBuffer(input.raw) || input.raw.length === 0) {
    throw new ValidationError('message: empty input (expected an RFC 5322 message)', 'raw');
  }
  const recipients = parseAddressList(input.recipients, 'recipients', { allowEmpty: false });
  const parsed = parseRawMessage(input.raw);
  const sender = chooseSender({ procedure: input.envelopeFrom || parsed.from, fallback: defaultSender });
  // As an MTA does on submission: a message without Date/Message-ID/From gets them.
  const completed = addMissingHeaders(stripBcc(input.raw), { date: now, from: sender.header });
  const raw = completed.raw;
  const origin = checkOrigin(input.origin, 'sendmail');
  const [id] = insertEmails(store, [
    {
      createdAt: now,
      status: 'queued',
      fromAddress: sender.address,
      fromSource: sender.source,
      to: parsed.to.length ? formatAddressList(parsed.to) : formatAddressList(recipients),
      cc: formatAddressList(parsed.cc),
      bcc: formatAddressList(parsed.bcc),
      envelope: { from: sender.address, to: recipients },
      subject: parsed.subject,
      raw,
      messageId: completed.messageId,
      origin,
    },
  ]);
  return { id: id!, status: 'queued', from: sender.address, fromSource: sender.source, messageId: completed.messageId };
}
