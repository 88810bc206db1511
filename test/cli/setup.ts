// A database configured to relay to a real loopback SMTP server.
import type { ExecutionContext } from 'ava';
import { startSmtp, type TestSmtp, type TestSmtpOptions } from '../helpers/smtp.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { ok } from './run-cli.js';

export interface Relay { db: string; smtp: TestSmtp }

export async function relayDb(t: ExecutionContext, options: TestSmtpOptions = {}): Promise<Relay> {
  const smtp = await startSmtp(t, options);
  const db = tmpDbPath(t);
  await ok(['--db', db, 'settings', 'set', 'host=127.0.0.1', `port=${smtp.port}`, 'security=none', 'defaultSender=robot@example.com']);
  return { db, smtp };
}
