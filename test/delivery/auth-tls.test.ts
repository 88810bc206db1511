import test from 'ava';
import { join } from 'node:path';
import { startSmtp } from '../helpers/smtp.js';
import { tmpDir } from '../helpers/tmp.js';
import { allStoredText, openTestOutbound } from './_support.js';
import { selfSigned } from '../helpers/tls.js';

const PASSWORD = 'S3cret-Pa55-never-shown';

test('rejected login → deferred, the diagnosis names the login, the password is nowhere', async (t) => {
  const smtp = await startSmtp(t, { auth: { user: 'relay-user', pass: 'the-right-one' } });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { user: 'relay-user', password: PASSWORD } });
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'login', text: 'x' });
  const result = await outbound.sendNow([r.id]);
  t.deepEqual(result.deferred, [r.id]);
  const e = outbound.getEmail(r.id)!;
  t.is(e.status, 'deferred');
  t.regex(e.lastError ?? '', /login|authenticat/i);
  t.regex(e.lastError ?? '', /relay-user/);

  const test1 = await outbound.sendTest({ to: 'y@example.net' });
  t.false(test1.ok);
  t.regex(test1.diagnosis, /relay-user/);
  t.regex(test1.transcript, /AUTH/);
  const verify = await outbound.verify();
  t.false(verify.ok);

  const b64 = Buffer.from(PASSWORD).toString('base64');
  const plain = Buffer.from(`\0relay-user\0${PASSWORD}`).toString('base64');
  const texts = [
    ...allStoredText(outbound.dbPath).filter((s) => !s.startsWith('settings.password:')),
    JSON.stringify(outbound.getSettings()),
    JSON.stringify(test1),
    JSON.stringify(verify),
    JSON.stringify(outbound.getEmail(r.id)!.attemptsHistory),
  ];
  for (const text of texts) {
    t.false(text.includes(PASSWORD), `password leaked in ${text.slice(0, 60)}`);
    t.false(text.includes(b64), `base64 password leaked in ${text.slice(0, 60)}`);
    t.false(text.includes(plain), `AUTH PLAIN payload leaked in ${text.slice(0, 60)}`);
  }
  t.true(outbound.getSettings().passwordSet);
  t.is(outbound.getSettings().passwordSource, 'database');
});

test('accepted login: delivered as that user', async (t) => {
  const smtp = await startSmtp(t, { auth: { user: 'relay-user', pass: PASSWORD } });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { user: 'relay-user', password: PASSWORD } });
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'login ok', text: 'x' });
  t.deepEqual((await outbound.sendNow([r.id])).sent, [r.id]);
  t.is(smtp.received[0]!.user, 'relay-user');
  const result = await outbound.sendTest({ to: 'y@example.net', subject: 'hello test' });
  t.true(result.ok);
  t.false(result.transcript.includes(PASSWORD));
  t.false(result.transcript.includes(Buffer.from(`\0relay-user\0${PASSWORD}`).toString('base64')));
});


for (const mode of ['tls', 'require-starttls'] as const) {
  test(`${mode} against a self-signed certificate: refused while verification is on, delivered when off`, async (t) => {
    const { key, cert } = selfSigned(t);
    const smtp = await startSmtp(t, { tls: { key, cert, implicit: mode === 'tls' } });
    const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { security: mode } });
    t.true(outbound.getSettings().verifyCertificates, 'verification is on by default');
    const r = await outbound.enqueue({ to: 'x@example.net', subject: `tls ${mode}`, text: 'x' });
    const first = await outbound.sendNow([r.id]);
    t.deepEqual(first.deferred, [r.id]);
    const e = outbound.getEmail(r.id)!;
    t.regex(e.lastError ?? '', /certificate/i);
    t.is(smtp.received.length, 0);

    outbound.updateSettings({ verifyCertificates: false });
    const second = await outbound.sendNow([r.id]);
    t.deepEqual(second.sent, [r.id]);
    t.is(smtp.received.length, 1);
  });
}

test('opportunistic STARTTLS with verification off upgrades and delivers', async (t) => {
  const { key, cert } = selfSigned(t);
  const smtp = await startSmtp(t, { tls: { key, cert, implicit: false } });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { security: 'starttls', verifyCertificates: false } });
  const result = await outbound.sendTest({ to: 'x@example.net' });
  t.true(result.ok, result.diagnosis);
  t.regex(result.transcript, /STARTTLS/);
});

test('password from a file: used for the login, absent from every table, shown only as its source', async (t) => {
  const { writeFileSync } = await import('node:fs');
  const smtp = await startSmtp(t, { auth: { user: 'relay-user', pass: PASSWORD } });
  const file = join(tmpDir(t), 'smtp-password');
  writeFileSync(file, PASSWORD + '\n', { mode: 0o600 });
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, passwordFile: file, settings: { user: 'relay-user' } });
  const s = outbound.getSettings();
  t.is(s.passwordSource, 'file');
  t.true(s.passwordSet);
  const r = await outbound.enqueue({ to: 'x@example.net', subject: 'file password', text: 'x' });
  t.deepEqual((await outbound.sendNow([r.id])).sent, [r.id]);
  const test1 = await outbound.sendTest({ to: 'y@example.net' });
  t.true(test1.ok);
  for (const text of [...allStoredText(outbound.dbPath), JSON.stringify(test1), JSON.stringify(s)]) {
    t.false(text.includes(PASSWORD), `password leaked in ${text.slice(0, 60)}`);
  }
});

test('OUTBOUND_SMTP_PASSWORD overrides the database', async (t) => {
  const smtp = await startSmtp(t, { auth: { user: 'relay-user', pass: PASSWORD } });
  const { openOutbound } = await import('../../src/core/index.js');
  const { tmpDbPath } = await import('../helpers/tmp.js');
  const dbPath = tmpDbPath(t);
  process.env.OUTBOUND_SMTP_PASSWORD = PASSWORD; // read once, synchronously, by openOutbound
  let outbound;
  try {
    outbound = openOutbound({ dbPath, actor: 't' });
  } finally {
    delete process.env.OUTBOUND_SMTP_PASSWORD;
  }
  t.teardown(() => outbound.close());
  outbound.updateSettings({ host: '127.0.0.1', port: smtp.port, security: 'none', user: 'relay-user', password: 'wrong-one', defaultSender: 'ops@example.com' });
  t.is(outbound.getSettings().passwordSource, 'env');
  const v = await outbound.verify();
  t.true(v.ok, v.diagnosis);
});
