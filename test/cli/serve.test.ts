import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { assertOneLineError } from './assert-error.js';
import { BIN, cleanEnv, logRows, ok, runCli } from './run-cli.js';
import { relayDb } from './setup.js';

interface Serve {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function startServe(t: import('ava').ExecutionContext, args: string[], env: Record<string, string> = {}): Serve {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    output: () => out,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`serve never printed ${pattern}; output so far:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}

async function submit(port: number, message: SendMailOptions, auth?: { user: string; pass: string }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

test('serve --listen: mail submitted over SMTP is queued and relayed; SIGTERM exits 0', async (t) => {
  const { db, smtp } = await relayDb(t);
  await ok(['--db', db, 'auto', 'on']);
  const serve = startServe(t, ['--db', db, 'serve', '--listen', '127.0.0.1:0']);
  const port = Number((await serve.waitFor(/accepting SMTP on 127\.0\.0\.1:(\d+)/))[1]);
  await serve.waitFor(/automatic delivery is ON/);
  const info = await submit(port, {
    from: 'app@example.com',
    to: 'ops@example.com',
    bcc: 'audit@example.com',
    subject: 'submitted over SMTP',
    text: 'hello from an app',
  });
  t.regex(info.response, /250 .*queued as \d+/);
  const [received] = await smtp.waitFor(1);
  t.deepEqual([...received!.to].sort(), ['audit@example.com', 'ops@example.com']);
  t.regex(received!.raw.toString(), /Subject: submitted over SMTP/);
  const line = await serve.waitFor(/^\S+Z (\d+) sent to=ops@example\.com.* 250 .*$/m);
  const rows = await logRows(db);
  t.like(rows[0], { id: Number(line[1]), origin: 'smtp', status: 'sent', from: 'app@example.com' });
  t.is(await serve.stop('SIGTERM'), 0);
  t.regex(serve.output(), /SIGTERM: finishing/);
  t.regex(serve.output(), /stopped\n$/);
});

test('serve with automatic delivery OFF says so and SIGINT exits 0', async (t) => {
  const { db } = await relayDb(t);
  const serve = startServe(t, ['--db', db, 'serve']);
  await serve.waitFor(/automatic delivery is OFF: mail stays queued until `outbound auto on` or Send Now/);
  await ok(['--db', db, 'auto', 'on']);
  await serve.waitFor(/automatic delivery turned ON/);
  t.is(await serve.stop('SIGINT'), 0);
});

test('serve logs a failed delivery with the server reply and never the password', async (t) => {
  const { db } = await relayDb(t, { onRecipient: () => ({ code: 550, message: '5.1.1 mailbox unavailable' }) });
  await ok(['--db', db, 'settings', 'set', 'user=relay', '--password-stdin'], { input: 'Sup3rSecret' });
  await ok(['--db', db, 'auto', 'on']);
  await ok(['--db', db, 'enqueue', '--to', 'gone@example.com', '--subject', 's', '--text', 'x']);
  const serve = startServe(t, ['--db', db, 'serve']);
  await serve.waitFor(/ (deferred|failed) to=gone@example\.com/);
  t.is(await serve.stop(), 0);
  t.notRegex(serve.output(), /Sup3rSecret/);
});

test('serve --listen with AUTH: wrong password refused, right one accepted', async (t) => {
  const { db } = await relayDb(t);
  const serve = startServe(t, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--auth-user', 'app'], { OUTBOUND_SUBMIT_PASSWORD: 'pw-123' });
  const port = Number((await serve.waitFor(/accepting SMTP on 127\.0\.0\.1:(\d+) \(AUTH required\)/))[1]);
  const message = { from: 'app@example.com', to: 'ops@example.com', subject: 'with auth', text: 'x' };
  const err = await t.throwsAsync(submit(port, message, { user: 'app', pass: 'wrong' }));
  t.regex(String((err as { response?: string }).response), /535/);
  await submit(port, message, { user: 'app', pass: 'pw-123' });
  t.is((await logRows(db)).length, 1);
  t.is(await serve.stop(), 0);
});

test('serve --listen refuses messages over --max-size', async (t) => {
  const { db } = await relayDb(t);
  const serve = startServe(t, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--max-size', '1']);
  const port = Number((await serve.waitFor(/accepting SMTP on 127\.0\.0\.1:(\d+)/))[1]);
  const err = await t.throwsAsync(submit(port, { from: 'a@example.com', to: 'b@example.com', subject: 'big', text: 'x'.repeat(2 * 1024 * 1024) }));
  t.regex(String((err as { response?: string }).response), /552/);
  t.is((await logRows(db)).length, 0);
  t.is(await serve.stop(), 0);
});

test('serve --listen on a port in use: one line, exit 1', async (t) => {
  const { db } = await relayDb(t);
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  t.teardown(() => busy.close());
  const port = (busy.address() as import('node:net').AddressInfo).port;
  assertOneLineError(t, await runCli(['--db', db, 'serve', '--listen', `127.0.0.1:${port}`]), 1, /already in use/);
});

test('serve --auth-user without OUTBOUND_SUBMIT_PASSWORD is a usage error', async (t) => {
  const { db } = await relayDb(t);
  assertOneLineError(t, await runCli(['--db', db, 'serve', '--listen', '127.0.0.1:0', '--auth-user', 'app']), 2, /OUTBOUND_SUBMIT_PASSWORD/);
});

test('serve --password-file: the relay login uses the file, the password is never printed', async (t) => {
  const { db, smtp } = await relayDb(t, { auth: { user: 'relay', pass: 'from-the-file-9' } });
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpDir } = await import('../helpers/tmp.js');
  const file = join(tmpDir(t), 'smtp-password');
  writeFileSync(file, 'from-the-file-9\n', { mode: 0o600 });
  await ok(['--db', db, 'settings', 'set', 'user=relay', 'autoDelivery=on']);
  await ok(['--db', db, 'enqueue', '--to', 'ops@example.com', '--subject', 'authenticated', '--text', 'x']);
  const serve = startServe(t, ['--db', db, 'serve', '--password-file', file]);
  await serve.waitFor(/ sent to=ops@example\.com/);
  t.is(smtp.received[0]!.user, 'relay');
  t.is(await serve.stop(), 0);
  t.notRegex(serve.output(), /from-the-file-9/);
  // The same file through the environment serves the other commands.
  const verified = await ok(['--db', db, 'test', '--verify-only'], { env: { OUTBOUND_SMTP_PASSWORD_FILE: file } });
  t.regex(verified, /result:\s+VERIFIED/);
  t.notRegex(verified, /from-the-file-9/);
  const json = JSON.parse(await ok(['--db', db, 'settings', 'show', '--json'], { env: { OUTBOUND_SMTP_PASSWORD_FILE: file } }));
  t.like(json, { password: 'set', passwordSource: 'file' });
});
