import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSmtp } from '../helpers/smtp.js';
import { messageIdOf, openTestOutbound, waitUntil } from './_support.js';

const DELIVERER = fileURLToPath(new URL('./fixtures/deliverer.ts', import.meta.url));

function startDeliverer(t: Parameters<typeof openTestOutbound>[0], dbPath: string, leaseMs?: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', DELIVERER, dbPath, ...(leaseMs ? [String(leaseMs)] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`deliverer exited early (${code})`)));
    child.stdout!.once('data', () => resolve(child));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

function batch(n: number, tag: string) {
  return Array.from({ length: n }, (_, i) => ({ to: `rcpt${i}@example.net`, subject: `${tag} ${i}`, text: `message ${i}` }));
}

test('two processes on one database deliver 500 messages, each exactly once', async (t) => {
  const smtp = await startSmtp(t);
  const producer = openTestOutbound(t, { smtpPort: smtp.port, deliver: false, start: false });
  const results = await producer.enqueueMany(batch(500, 'multi'));
  const children = await Promise.all([startDeliverer(t, producer.dbPath), startDeliverer(t, producer.dbPath)]);
  producer.setAutoDelivery(true); // the children notice through PRAGMA data_version
  await smtp.waitFor(500, 60_000);
  await waitUntil(() => producer.counts().sent === 500, 'all 500 recorded as sent', 60_000);
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map(exited));

  const ids = smtp.received.map((m) => messageIdOf(m.raw));
  t.is(smtp.received.length, 500);
  t.is(new Set(ids).size, 500);
  t.deepEqual([...ids].sort(), results.map((r) => r.messageId).sort());
  const counts = producer.counts();
  t.is(counts.sending, 0);
  t.is(counts.queued, 0);
});

test('a deliverer killed mid-delivery: after a restart every message is sent, duplicates ≤ those in flight', async (t) => {
  const smtp = await startSmtp(t, {
    // Slow the server down a little so the kill lands mid-delivery.
    onMessage: () => {
      const until = Date.now() + 2;
      while (Date.now() < until) { /* busy wait: smtp-server has no async hook here */ }
      return undefined;
    },
  });
  const producer = openTestOutbound(t, { smtpPort: smtp.port, deliver: false, start: false });
  await producer.enqueueMany(batch(500, 'crash'));
  producer.setAutoDelivery(true);
  const first = await startDeliverer(t, producer.dbPath, 2000);
  await smtp.waitFor(50, 30_000);
  first.kill('SIGKILL');
  await exited(first);
  const inFlightAtKill = producer.counts().sending;
  t.true(inFlightAtKill > 0 || smtp.received.length === 500, 'killed while rows were leased');

  const second = await startDeliverer(t, producer.dbPath, 2000);
  await waitUntil(() => producer.counts().sent === 500, 'all 500 sent after the restart', 60_000);
  second.kill('SIGTERM');
  await exited(second);

  const ids = smtp.received.map((m) => messageIdOf(m.raw));
  const unique = new Set(ids).size;
  t.is(unique, 500, 'every message reached the server');
  t.true(ids.length - unique <= inFlightAtKill, `${ids.length - unique} duplicates, ${inFlightAtKill} in flight at the kill`);
  t.is(producer.counts().sending, 0);
});
