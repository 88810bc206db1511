// One-off SMTP conversations with every line captured (Test and Verify): a
// separate, non-pooled connection, so the transcript holds exactly this
// message's exchange — redacted, capped — and nothing of the bulk pool's.
import { capturedTransport, loadTransports, type RawMessage, type SendResult } from './transport.js';
import { describeRelay, type RelaySettings, type TimeoutOptions } from './transport-options.js';
import type { SessionFacts } from './session-facts.js';

export type Captured<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & { transcript: string; session: SessionFacts };

/**
 * A User Name is set but no login happened: the server offered no AUTH, and
 * nodemailer then carries on without one. Verify must not call that a success.
 */
export const NO_AUTH_OFFERED = 'ENOAUTHOFFERED';

async function converse<T>(
  settings: RelaySettings,
  timeouts: TimeoutOptions,
  redact: (text: string) => string,
  run: (mailer: Awaited<ReturnType<typeof capturedTransport>>['mailer'], session: () => SessionFacts) => Promise<T>,
  done: (session: SessionFacts) => string,
): Promise<Captured<T>> {
  await loadTransports();
  const { mailer, transcript } = capturedTransport(settings, timeouts, redact);
  transcript.note(`connecting to ${describeRelay(settings)}${settings.user ? ` as "${settings.user}"` : ''}`);
  try {
    const value = await run(mailer, () => transcript.session());
    transcript.note(done(transcript.session()));
    return { ok: true, value, transcript: transcript.text(), session: transcript.session() };
  } catch (error) {
    transcript.note(`error ${(error as { code?: string }).code ?? ''}: ${(error as Error).message ?? error}`);
    return { ok: false, error, transcript: transcript.text(), session: transcript.session() };
  } finally {
    mailer.close();
  }
}

/** "with TLS, logged in as "u"" — what the conversation actually established. */
function established(settings: RelaySettings, s: SessionFacts): string {
  const login = s.loggedIn ? `logged in as "${settings.user}"` : settings.user ? 'NOT logged in (no AUTH offered)' : 'no login';
  return `${s.tls ? 'with TLS' : 'without TLS'}, ${login}`;
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
    (s) => `message accepted (${established(settings, s)})`,
  );
}

/**
 * Connects, greets, negotiates TLS and logs in, sending nothing. Fails with
 * NO_AUTH_OFFERED when a User Name is set but the server offered no AUTH.
 */
export function verifyRelay(settings: RelaySettings, timeouts: TimeoutOptions, redact: (t: string) => string): Promise<Captured<SessionFacts>> {
  return converse(
    settings,
    timeouts,
    redact,
    async (mailer, session) => {
      await mailer.verify();
      const facts = session();
      if (settings.user && !facts.loggedIn) {
        throw Object.assign(new Error('the server offered no AUTH: the User Name and Password were not used'), { code: NO_AUTH_OFFERED });
      }
      return facts;
    },
    (s) => `connected ${established(settings, s)}`,
  );
}
