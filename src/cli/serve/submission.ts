// SMTP submission into the queue: an adapter at the edge. Programs that can
// only speak SMTP (or containers without a sendmail binary) hand mail to
// `outbound serve --listen`; each accepted message becomes one queued Log row
// (origin "smtp"), bytes kept as received (minus Bcc), exactly like sendmail.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Outbound } from '../../types.js';

export interface SubmissionOptions {
  host: string;
  port: number;
  /** Largest message accepted, in bytes (advertised with SIZE). */
  maxSize: number;
  /** Require AUTH with these credentials. */
  auth?: { user: string; pass: string };
  /** One line per accepted or refused message. */
  log: (line: string) => void;
}

export interface SubmissionListener {
  /** The bound address (the port is real even when 0 was asked). */
  address: { host: string; port: number };
  close(): Promise<void>;
}

function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startSubmission(outbound: Outbound, options: SubmissionOptions): Promise<SubmissionListener> {
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    banner: 'outbound submission',
    size: options.maxSize,
    // No certificate here: the listener is meant for loopback (or a trusted network with --allow-remote).
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      if (ok) cb(null, { user: auth.username });
      else cb(smtpReply(535, '5.7.8 Authentication credentials invalid'));
    },
    onData(stream, session: SMTPServerSession, cb) {
      readAll(stream).then(
        (raw) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
            options.log(`${new Date().toISOString()} smtp refused: message larger than ${options.maxSize} bytes`);
            return cb(smtpReply(552, `5.3.4 Message too big (limit ${options.maxSize} bytes)`));
          }
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          try {
            const result = outbound.enqueueRaw({ raw, recipients, origin: 'smtp', ...(mailFrom ? { envelopeFrom: mailFrom } : {}) });
            options.log(`${new Date().toISOString()} ${result.id} queued smtp from=${result.from} to=${recipients.join(',')}`);
            cb(null, `2.0.0 Ok: queued as ${result.id}`);
          } catch (err) {
            const e = err as { name?: string; message?: string };
            const message = String(e.message ?? err).replace(/[\r\n]+/g, ' ');
            options.log(`${new Date().toISOString()} smtp refused: ${message}`);
            // Bad input is permanent; a busy or broken database is worth a retry.
            if (e.name === 'ValidationError') cb(smtpReply(550, `5.6.0 ${message}`));
            else cb(smtpReply(451, `4.3.0 cannot queue the message now: ${message}`));
          }
        },
        (err: Error) => cb(smtpReply(451, `4.3.0 ${err.message}`)),
      );
    },
  });
  server.on('error', (err) => options.log(`${new Date().toISOString()} smtp listener error: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const bound = server.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : options.port;
  return {
    address: { host: options.host, port },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
