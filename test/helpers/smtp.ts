// A real SMTP server on 127.0.0.1 (port 0) that records what it receives and
// can be told to reject, to stall, or to require a login.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { ExecutionContext } from 'ava';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  user?: string;
}

export type Reply = { code: number; message: string } | undefined;

export interface TestSmtpOptions {
  /** Require AUTH with these credentials (plain text over loopback). */
  auth?: { user: string; pass: string };
  /** Serve implicit TLS / offer STARTTLS with this key+cert. */
  tls?: { key: string | Buffer; cert: string | Buffer; implicit: boolean };
  /** Decide a reply per recipient; undefined accepts. */
  onRecipient?: (address: string) => Reply;
  /** Decide a reply for the message data; undefined accepts. */
  onMessage?: (message: ReceivedMessage) => Reply;
  /** Accept the connection but never send the greeting. */
  silent?: boolean;
}

export interface TestSmtp {
  port: number;
  host: '127.0.0.1';
  received: ReceivedMessage[];
  /** Resolves when at least `count` messages have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

function smtpError(reply: { code: number; message: string }): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startSmtp(t: ExecutionContext | undefined, options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) if (received.length >= w.count) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disableReverseLookup: true,
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    secure: options.tls?.implicit ?? false,
    key: options.tls?.key,
    cert: options.tls?.cert,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        cb(null, { user: auth.username });
      } else {
        cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, cb) {
      const reply = options.onRecipient?.(address.address);
      cb(reply ? smtpError(reply) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const message: ReceivedMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : undefined,
        };
        const reply = options.onMessage?.(message);
        if (reply) return cb(smtpError(reply));
        received.push(message);
        notify();
        cb();
      });
    },
  };
  let server: { listen: (port: number, host: string, cb: () => void) => void; close: (cb: () => void) => void; server?: unknown };
  let netServer: import('node:net').Server | undefined;
  if (options.silent) {
    const net = await import('node:net');
    const sockets = new Set<import('node:net').Socket>();
    netServer = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    });
    server = {
      listen: (p, h, cb) => netServer!.listen(p, h, cb),
      close: (cb) => {
        for (const s of sockets) s.destroy();
        netServer!.close(() => cb());
      },
    };
  } else {
    const smtp = new SMTPServer(serverOptions);
    smtp.on('error', () => {});
    server = smtp as unknown as typeof server;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = (netServer ?? (server as unknown as { server: import('node:net').Server }).server).address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  const handle: TestSmtp = {
    port,
    host: '127.0.0.1',
    received,
    waitFor(count, timeoutMs = 20000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SMTP server got ${received.length} of ${count} messages`)), timeoutMs);
        waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(received); } });
      });
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  t?.teardown(() => handle.close());
  return handle;
}

/** A loopback port with nothing listening (connection refused). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as import('node:net').AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
