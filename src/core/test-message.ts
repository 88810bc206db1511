// The Test tab's message and the words for its result. "Sent" to localhost only
// means the local MTA took it: say so, as DESIGN.md asks.
import { hostname } from 'node:os';
import { composeMessage } from '../mail/compose.js';
import { hostPort } from '../mail/diagnosis.js';
import { chooseSender } from '../mail/sender.js';
import type { NewEmail } from '../store/emails.js';
import type { PublicSettings } from '../types.js';

export async function testRow(settings: PublicSettings, input: { to: string; subject?: string }, actor: string, now: number, notDueBefore: number): Promise<NewEmail> {
  const sender = chooseSender({ fallback: settings.defaultSender });
  const subject = input.subject?.trim() ? input.subject : `outbound test message from ${hostname()}`;
  const composed = await composeMessage({
    from: sender.header,
    to: input.to,
    subject,
    text:
      `This is a test message sent by outbound on ${hostname()} through ${hostPort(settings.host, settings.port)}.\r\n` +
      `Sent at ${new Date(now).toISOString()} by ${actor}.\r\n`,
    date: now,
  });
  return {
    createdAt: now,
    status: 'queued',
    fromAddress: sender.address,
    fromSource: sender.source,
    to: composed.display.to,
    cc: '',
    bcc: '',
    envelope: composed.envelope,
    subject,
    raw: composed.raw,
    messageId: composed.messageId,
    origin: 'test',
    nextAttemptAt: notDueBefore,
  };
}

export function acceptedDiagnosis(hp: string, localMta: boolean, partial: string): string {
  const base = localMta
    ? `Accepted by the local mail server at ${hp}: "sent" only means it took the message — it must be running and able to resolve DNS to deliver it (see its log, e.g. /var/log/mail.log)`
    : `Accepted by ${hp}: the relay took responsibility for delivering it`;
  return partial ? `${base}. ${partial}` : base;
}

/** `user` only when the login happened (verify fails when a User Name is set and the server offered no AUTH). */
export function verifiedDiagnosis(hp: string, user: string, localMta: boolean, tls: boolean): string {
  const plain = tls ? '' : `, connected without TLS (messages${user ? ' and the password' : ''} cross the network unencrypted)`;
  return `Connected to ${hp}${user ? ` and logged in as "${user}"` : ''}: the settings work${plain}${localMta ? ' (the local mail server must still be able to deliver onwards)' : ''}`;
}
