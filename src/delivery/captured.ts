// One-off SMTP conversations with every line captured (Test and Verify): a
// separate, non-pooled connection, so the transcript holds exactly this
// message's exchange — redacted, capped — and nothing of the bulk pool's.
import { capturedTransport, loadTransports, type RawMessage, type SendResult } from './transport.js';
import { describeRelay, type RelaySettings, type TimeoutOptions } from './transport-options.js';

export type Captured<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { transcript: string };

async function converse<T>(
  settings: RelaySettings,
  timeouts: TimeoutOptions,
  redact: (text: string) => string,
  run: (mailer: Awaited<ReturnType<typeof capturedTransport>>['mailer']) => Promise<T>,
  done: string,
): Promise<Captured<T>> {
  await loadTransports();
  const { mailer, transcript } = capturedTransport(settings, timeouts, redact);
  transcript.note(`connecting to ${describeRelay(settings)}${settings.user ? ` as "${settings.user}"` : ''}`);
  try {
    const value = await run(mailer);
    transcript.note(done);
    return { ok: true, value, transcript: transcript.text() };
  } catch (error) {
    transcript.note(`error ${(error as { code?: string }).code ?? ''}: ${(error as Error).message ?? error}`);
    return { ok: false, error, transcript: transcript.text() };
  } finally {
    mailer.close();
  }
}

export function sendCapturedMessage(settings: RelaySettings, timeouts: TimeoutOptions, redact: (t: string) => string, message: RawMessage): Promise<Captured<SendResult>> {
  return converse(
    settings,
    timeouts,
    redact,
    async (mailer) => {
      const info = await mailer.sendMail({ envelope: message.envelope, raw: message.raw });
      return { response: String(info.response ?? ''), accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
    },
    'message accepted',
  );
}

/** Connects, greets, negotiates TLS and logs in, sending nothing. */
export function verifyRelay(settings: RelaySettings, timeouts: TimeoutOptions, redact: (t: string) => string): Promise<Captured<true>> {
  return converse(settings, timeouts, redact, (mailer) => mailer.verify() as Promise<true>, 'connection, TLS and login OK');
}
