// Real nodemailer errors from a real SMTP server on 127.0.0.1, so the
// classifier is checked against the shapes nodemailer actually produces.
import test from 'ava';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { classifySmtpError } from '../../src/mail/index.js';
import { closedPort, startSmtp } from '../helpers/smtp.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const key = fixture('localhost.key');
const cert = fixture('localhost.pem');
const expired = fixture('expired.pem');

const message = (to: string, subject = 'x') => ({
  envelope: { from: 'a@sender.example', to: [to] },
  raw: `From: a@sender.example\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nbody\r\n`,
});

async function failure(options: Record<string, unknown>, msg = message('b@rcpt.example')): Promise<unknown> {
  const transport = nodemailer.createTransport({ connectionTimeout: 5000, greetingTimeout: 300, socketTimeout: 5000, ...options });
  try {
    await transport.sendMail(msg);
  } catch (err) {
    return err;
  } finally {
    transport.close();
  }
  throw new Error('expected the send to fail');
}

const rejecting = {
  onRecipient: (a: string) =>
    a.startsWith('later') ? { code: 451, message: '4.3.0 try later' } : a.startsWith('nobody') ? { code: 550, message: '5.1.1 user unknown' } : undefined,
  onMessage: (m: { raw: Buffer }) => (m.raw.includes('SPAM') ? { code: 554, message: '5.6.0 content rejected' } : undefined),
};

test('451 on RCPT → temporary, exact reply kept', async (t) => {
  const smtp = await startSmtp(t, rejecting);
  const ctx = { host: smtp.host, port: smtp.port, user: '' };
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, ignoreTLS: true }, message('later@rcpt.example')), ctx);
  t.is(r.kind, 'temporary');
  t.is(r.smtpCode, 451);
  t.is(r.response, '451 4.3.0 try later');
  t.is(r.errorCode, 'EENVELOPE');
  t.is(r.diagnosis, 'The server said 451 4.3.0 try later: the recipient was refused for now; the message will be retried');
});

test('550 on RCPT → permanent, recipient rejected', async (t) => {
  const smtp = await startSmtp(t, rejecting);
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, ignoreTLS: true }, message('nobody@rcpt.example')), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'permanent');
  t.is(r.smtpCode, 550);
  t.is(r.response, '550 5.1.1 user unknown');
  t.is(r.diagnosis, 'The server said 550 5.1.1 user unknown: the recipient address was rejected; the message will not be retried');
});

test('554 after DATA → permanent, message rejected', async (t) => {
  const smtp = await startSmtp(t, rejecting);
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, ignoreTLS: true }, message('b@rcpt.example', 'SPAM')), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'permanent');
  t.is(r.errorCode, 'EMESSAGE');
  t.is(r.smtpCode, 554);
  t.regex(r.diagnosis, /^The server said 554 5\.6\.0 content rejected: the message itself was rejected/);
});

test('connection refused on a closed port → temporary, names host:port', async (t) => {
  const port = await closedPort();
  const r = classifySmtpError(await failure({ host: '127.0.0.1', port }), { host: '127.0.0.1', port, user: '' });
  t.is(r.kind, 'temporary');
  t.is(r.smtpCode, null);
  t.is(r.diagnosis, `Connection refused by 127.0.0.1:${port}: no SMTP server is listening there — check Host Name and Port`);
  t.regex(r.response, /ECONNREFUSED/);
});

test('greeting never came → temporary, says so', async (t) => {
  const smtp = await startSmtp(t, { silent: true });
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port }), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'temporary');
  t.is(r.errorCode, 'ETIMEDOUT');
  t.regex(r.diagnosis, new RegExp(`^127\\.0\\.0\\.1:${smtp.port} accepted the connection but never sent the SMTP greeting`));
});

test('rejected login → config, names the user, never the password', async (t) => {
  const password = 'Wr0ng-Secret-pa55';
  const smtp = await startSmtp(t, { auth: { user: 'bob', pass: 'right' } });
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, ignoreTLS: true, auth: { user: 'bob', pass: password } }), { host: smtp.host, port: smtp.port, user: 'bob' });
  t.is(r.kind, 'config');
  t.is(r.errorCode, 'EAUTH');
  t.is(r.smtpCode, 535);
  t.is(r.diagnosis, `127.0.0.1:${smtp.port}: the server rejected the login for user "bob" (535 5.7.8 Authentication credentials invalid): check User Name and Password in Settings`);
  const all = JSON.stringify(r);
  t.false(all.includes(password));
  t.false(all.includes(Buffer.from(password).toString('base64').slice(0, 12)));
});

test('no login where one is required (530) → config', async (t) => {
  const smtp = await startSmtp(t, { auth: { user: 'bob', pass: 'right' } });
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, ignoreTLS: true }), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.is(r.smtpCode, 530);
  t.regex(r.diagnosis, /requires a login before it relays mail — set User Name and Password in Settings$/);
});

test('self-signed certificate (implicit TLS) → config', async (t) => {
  const smtp = await startSmtp(t, { tls: { key, cert, implicit: true } });
  const err = await failure({ host: smtp.host, port: smtp.port, secure: true });
  const r = classifySmtpError(err, { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.regex(r.diagnosis, new RegExp(`^The certificate of 127\\.0\\.0\\.1:${smtp.port} is self-signed and not trusted`));
});

test('certificate for another name (STARTTLS) → config, hostname mismatch', async (t) => {
  const smtp = await startSmtp(t, { tls: { key, cert, implicit: false } });
  const err = await failure({ host: smtp.host, port: smtp.port, requireTLS: true, tls: { ca: [cert], servername: 'mail.other.example' } });
  const r = classifySmtpError(err, { host: 'mail.other.example', port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.regex(r.diagnosis, /is not valid for the name "mail\.other\.example"/);
});

test('expired certificate → config', async (t) => {
  const smtp = await startSmtp(t, { tls: { key, cert: expired, implicit: true } });
  const err = await failure({ host: smtp.host, port: smtp.port, secure: true, tls: { ca: [expired] } });
  const r = classifySmtpError(err, { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.regex(r.diagnosis, /has expired: renew it on the server/);
});

test('TLS client against a plain SMTP port → config, wrong TLS mode', async (t) => {
  const smtp = await startSmtp(t);
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, secure: true }), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.regex(r.diagnosis, /does not speak TLS from the first byte: set Security to starttls/);
});

test('require STARTTLS against a server without it → config', async (t) => {
  const smtp = await startSmtp(t);
  const r = classifySmtpError(await failure({ host: smtp.host, port: smtp.port, requireTLS: true }), { host: smtp.host, port: smtp.port, user: '' });
  t.is(r.kind, 'config');
  t.is(r.errorCode, 'ETLS');
  t.regex(r.diagnosis, /refused STARTTLS/);
});
