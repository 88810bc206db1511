// The demo's relay: an SMTP server on 127.0.0.1 (random port) that keeps
// what it receives as .eml files, refuses "bounce@…" permanently and
// "busy@…" temporarily, so every delivery outcome can be seen.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CaptureSmtp {
  port: number;
  received: () => number;
  close(): Promise<void>;
}

export async function startCaptureSmtp(dir: string): Promise<CaptureSmtp> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'outbound demo capture server',
    onRcptTo(address, _session, cb) {
      const local = address.address.split('@')[0]!.toLowerCase();
      if (local.startsWith('bounce')) return cb(Object.assign(new Error('5.1.1 <' + address.address + '>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      if (local.startsWith('busy')) return cb(Object.assign(new Error('4.2.1 <' + address.address + '>: Mailbox busy, try again later'), { responseCode: 451 }));
      cb();
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        count++;
        writeFileSync(join(dir, `${String(count).padStart(4, '0')}.eml`), Buffer.concat(chunks));
        cb(null, `2.0.0 Ok: captured as demo-${count}`);
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
