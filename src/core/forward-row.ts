// Forward = resend: the original bytes with a Resent-* block on top, as a new
// Log row linked to the original (which is left untouched).
import { domainOf } from '../mail/address.js';
import { makeMessageId } from '../mail/compose.js';
import { resendMessage } from '../mail/resend.js';
import { chooseSender } from '../mail/sender.js';
import type { NewEmail } from '../store/emails.js';
import type { EmailDetail } from '../types.js';

/**
 * `notDueBefore`: the row is not due for the automatic loop until then, so that the
 * process forwarding it claims it itself (a crash before that still gets it sent later).
 */
export function forwardRow(original: EmailDetail, recipient: string, defaultSender: string, now: number, notDueBefore: number): NewEmail {
  // Resent-From is the operator's sender (Default Sender Email), else whoever sent the original.
  const resentFrom = defaultSender ? chooseSender({ fallback: defaultSender }) : chooseSender({ procedure: original.envelope.from });
  const messageId = makeMessageId(domainOf(resentFrom.address));
  return {
    createdAt: now,
    status: 'queued',
    fromAddress: original.from,
    fromSource: original.fromSource,
    to: recipient,
    cc: '',
    bcc: '',
    envelope: { from: resentFrom.address, to: [recipient] },
    subject: original.subject,
    raw: resendMessage(original.raw, { resentFrom: resentFrom.header, to: recipient, date: new Date(now), messageId }),
    messageId,
    origin: 'forward',
    templateId: original.templateId,
    deskId: original.deskId,
    forwardedFromId: original.id,
    nextAttemptAt: notDueBefore,
  };
}
