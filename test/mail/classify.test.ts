// Error objects shaped like nodemailer's (see lib/smtp-connection _formatError)
// for the cases a loopback test cannot produce: DNS, resets, mid-session timeouts.
import test from 'ava';
import { classifySmtpError } from '../../src/mail/index.js';

const ctx = { host: 'smtp.example.com', port: 587, user: 'alerts' };
const nmError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

test('DNS: host not found → temporary, says to check Host Name', (t) => {
  const r = classifySmtpError(nmError('getaddrinfo ENOTFOUND smtp.example.com', { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }), ctx);
  t.is(r.kind, 'temporary');
  t.is(r.errorCode, 'EDNS');
  t.is(r.diagnosis, 'The host name "smtp.example.com" could not be found (DNS): check Host Name in Settings');
  const again = classifySmtpError(nmError('getaddrinfo EAI_AGAIN smtp.example.com', { code: 'EDNS', originalCode: 'EAI_AGAIN' }), ctx);
  t.regex(again.diagnosis, /failed for now \(DNS\)/);
});

test('reset, closed, unreachable, socket timeout → temporary with host:port', (t) => {
  const reset = classifySmtpError(nmError('read ECONNRESET', { code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' }), ctx);
  t.is(reset.kind, 'temporary');
  t.is(reset.diagnosis, 'The connection to smtp.example.com:587 was reset: the server or a firewall dropped it; the message will be retried');
  const closed = classifySmtpError(nmError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' }), ctx);
  t.regex(closed.diagnosis, /^smtp\.example\.com:587 closed the connection unexpectedly/);
  const closed465 = classifySmtpError(nmError('Connection closed unexpectedly', { code: 'ECONNECTION' }), { ...ctx, port: 465, security: 'starttls' });
  t.regex(closed465.diagnosis, /port 465 expects implicit TLS: set Security to tls$/);
  const unreach = classifySmtpError(nmError('connect EHOSTUNREACH', { code: 'ESOCKET', originalCode: 'EHOSTUNREACH' }), ctx);
  t.regex(unreach.diagnosis, /cannot be reached from this machine/);
  const idle = classifySmtpError(nmError('Timeout', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }), ctx);
  t.is(idle.kind, 'temporary');
  t.regex(idle.diagnosis, /stopped answering/);
  const connect = classifySmtpError(nmError('Connection timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }), ctx);
  t.is(connect.diagnosis, 'No answer from smtp.example.com:587 in time: the host is down or a firewall drops the traffic — check Host Name and Port');
});

test('certificate codes found in err.code, originalCode or err.cause → config', (t) => {
  const viaCause = nmError('Error initiating TLS', { code: 'ETLS', cause: { code: 'CERT_HAS_EXPIRED' } });
  t.is(classifySmtpError(viaCause, ctx).kind, 'config');
  t.regex(classifySmtpError(viaCause, ctx).diagnosis, /has expired/);
  t.regex(classifySmtpError({ code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' }, ctx).diagnosis, /self-signed/);
  t.regex(classifySmtpError(nmError('Error initiating TLS - unable to verify the first certificate', { code: 'ETLS' }), ctx).diagnosis, /unknown authority/);
  t.regex(classifySmtpError(nmError("Hostname/IP does not match certificate's altnames", { code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }), ctx).diagnosis, /not valid for the name "smtp\.example\.com"/);
});

test('reply classes: 4xx temporary, 5xx permanent, 503 retried, relay denied and 552 explained', (t) => {
  const r421 = classifySmtpError(nmError('x', { code: 'EPROTOCOL', response: '421 4.7.0 Too many connections', responseCode: 421 }), ctx);
  t.deepEqual([r421.kind, r421.smtpCode], ['temporary', 421]);
  t.is(r421.diagnosis, 'The server said 421 4.7.0 Too many connections: a temporary refusal; the message will be retried');
  t.is(classifySmtpError({ responseCode: 571, response: '571 no' }, ctx).kind, 'permanent');
  t.is(classifySmtpError({ code: 'EENVELOPE', responseCode: 503, response: '503 5.5.1 Bad sequence', command: 'RCPT TO' }, ctx).kind, 'temporary');
  const relay = classifySmtpError({ code: 'EENVELOPE', responseCode: 554, response: '554 5.7.1 <x@y.example>: Relay access denied', command: 'RCPT TO' }, ctx);
  t.is(relay.kind, 'config');
  t.regex(relay.diagnosis, /does not relay mail for this machine/);
  const big = classifySmtpError({ code: 'EMESSAGE', responseCode: 552, response: '552 5.3.4 Message size exceeds fixed limit', command: 'DATA' }, ctx);
  t.is(big.kind, 'permanent');
  t.regex(big.diagnosis, /larger than smtp\.example\.com:587 accepts/);
  const from = classifySmtpError({ code: 'EENVELOPE', responseCode: 553, response: '553 5.7.1 Sender address rejected', command: 'MAIL FROM' }, ctx);
  t.regex(from.diagnosis, /sender \(From\) address was refused/);
  // The response code can also come only from the text.
  t.is(classifySmtpError({ code: 'EPROTOCOL', response: '554 5.0.0 go away' }, ctx).smtpCode, 554);
});

test('multi-line replies become one line; the exact text stays in response', (t) => {
  const r = classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550-5.1.1 The email account does not exist.\r\n550 5.1.1 Please try again', command: 'RCPT TO' }, ctx);
  t.false(/[\r\n]/.test(r.diagnosis));
  t.is(r.response, '550-5.1.1 The email account does not exist.\r\n550 5.1.1 Please try again');
  t.regex(r.diagnosis, /^The server said 550-5\.1\.1 The email account does not exist\. 550 5\.1\.1 Please try again: /);
});

test('invalid address refused before sending → permanent', (t) => {
  const r = classifySmtpError(nmError('Invalid recipient "bob@"', { code: 'EENVELOPE', command: 'API' }), ctx);
  t.is(r.kind, 'permanent');
  t.regex(r.diagnosis, /the address is not valid; the message will not be retried/);
});

test('missing credentials → config; unknown errors → temporary; non-errors tolerated', (t) => {
  t.regex(classifySmtpError(nmError('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }), ctx).diagnosis, /requires a login but no User Name or Password is set/);
  const weird = classifySmtpError('boom', ctx);
  t.is(weird.kind, 'temporary');
  t.is(weird.errorCode, 'EUNKNOWN');
  t.regex(weird.diagnosis, /^Sending through smtp\.example\.com:587 failed \(boom\)/);
  t.is(classifySmtpError(undefined, ctx).kind, 'temporary');
});

test('AUTH payloads echoed in an error never reach the output', (t) => {
  const payload = Buffer.from('\0alerts\0hunter2-secret').toString('base64');
  const r = classifySmtpError(nmError(`Invalid login: AUTH PLAIN ${payload}`, { code: 'EAUTH', response: `535 5.7.8 bad AUTH PLAIN ${payload}`, responseCode: 535, command: 'AUTH PLAIN' }), ctx);
  t.false(JSON.stringify(r).includes(payload));
  t.is(r.kind, 'config');
  t.regex(r.diagnosis, /rejected the login for user "alerts"/);
});

test('IPv6 hosts are bracketed in host:port', (t) => {
  t.regex(classifySmtpError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:25' }, { host: '::1', port: 25, user: '' }).diagnosis, /by \[::1\]:25:/);
});
