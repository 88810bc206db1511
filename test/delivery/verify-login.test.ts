import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { openTestOutbound } from './_support.js';
import { selfSigned } from '../helpers/tls.js';

// nodemailer's verify() and sendMail() succeed WITHOUT logging in when the server
// offers no AUTH. Verify used to say "logged in as …: the settings work" anyway.
const PASSWORD = 'Verify-Pa55-never-shown';


test('verify with a User Name against a server that offers no AUTH: not ok, says the login was not used', async (t) => {
  const smtp = await startSmtp(t); // no AUTH offered
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { user: 'relay@example.com', password: PASSWORD } });
  const v = await outbound.verify();
  t.false(v.ok);
  t.is(
    v.diagnosis,
    `127.0.0.1:${smtp.port} offered no AUTH: the User Name and Password were not used (the server may only relay for trusted hosts; clear User Name if that is intended)`,
  );
  t.notRegex(v.diagnosis, /logged in/);
  t.notRegex(v.transcript, /login OK|logged in as/);
  t.false(JSON.stringify(v).includes(PASSWORD));
});

test('Test with a User Name against a server that offers no AUTH: accepted, but says the login was not used', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openTestOutbound(t, { smtpPort: smtp.port, settings: { user: 'relay@example.com', password: PASSWORD } });
  const r = await outbound.sendTest({ to: 'x@example.net' });
  t.true(r.ok, r.diagnosis);
  t.regex(r.diagnosis, /offered no AUTH: the User Name and Password were not used/);
  t.notRegex(r.diagnosis, /logged in/);
  t.false(JSON.stringify(r).includes(PASSWORD));
  t.is((await smtp.waitFor(1))[0]!.user, undefined, 'the server saw no login');
});

test('verify without TLS says so; with a real login it names the user', async (t) => {
  const open = await startSmtp(t);
  const plain = await openTestOutbound(t, { smtpPort: open.port }).verify();
  t.true(plain.ok, plain.diagnosis);
  t.regex(plain.diagnosis, /connected without TLS/);
  t.notRegex(plain.diagnosis, /logged in/);

  const authed = await startSmtp(t, { auth: { user: 'relay-user', pass: PASSWORD } });
  const v = await openTestOutbound(t, { smtpPort: authed.port, settings: { user: 'relay-user', password: PASSWORD } }).verify();
  t.true(v.ok, v.diagnosis);
  t.regex(v.diagnosis, /logged in as "relay-user"/);
  t.regex(v.diagnosis, /connected without TLS/);
});

test('verify over STARTTLS with a login: logged in, no "without TLS"', async (t) => {
  const { key, cert } = selfSigned(t);
  const smtp = await startSmtp(t, { tls: { key, cert, implicit: false }, auth: { user: 'relay-user', pass: PASSWORD } });
  const outbound = openTestOutbound(t, {
    smtpPort: smtp.port,
    settings: { security: 'require-starttls', verifyCertificates: false, user: 'relay-user', password: PASSWORD },
  });
  const v = await outbound.verify();
  t.true(v.ok, v.diagnosis);
  t.regex(v.diagnosis, /logged in as "relay-user"/);
  t.notRegex(v.diagnosis, /without TLS/);
});
