import test from 'ava';
import { base64Forms, redactTranscript } from '../../src/mail/index.js';

const secret = 'hunter2-Sup3r!';
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('redacts the secret, its base64 form and AUTH PLAIN payloads', (t) => {
  const transcript = [
    'S: 220 mx.example ESMTP',
    'C: EHLO me',
    `C: AUTH PLAIN ${b64(`\0alerts\0${secret}`)}`,
    'S: 535 5.7.8 bad credentials',
    `note: password was ${secret} (base64 ${b64(secret)})`,
  ].join('\r\n');
  const out = redactTranscript(transcript, [secret]);
  t.false(out.includes(secret));
  t.false(out.includes(b64(secret)));
  t.false(out.includes(b64(`\0alerts\0${secret}`)));
  t.regex(out, /C: AUTH PLAIN \[redacted\]\r\n/);
  t.regex(out, /password was \[redacted\] \(base64 \[redacted\]\)/);
  t.regex(out, /^S: 220 mx\.example ESMTP\r\nC: EHLO me\r\n/);
});

test('redacts AUTH LOGIN exchanges line by line', (t) => {
  const transcript = ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', `C: ${b64('alerts')}`, 'S: 334 UGFzc3dvcmQ6', `C: ${b64(secret)}`, 'S: 235 2.7.0 ok', 'C: MAIL FROM:<a@x.example>'].join('\n');
  const out = redactTranscript(transcript, []);
  t.is(out, ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: [redacted]', 'S: 334 UGFzc3dvcmQ6', 'C: [redacted]', 'S: 235 2.7.0 ok', 'C: MAIL FROM:<a@x.example>'].join('\n'));
});

test('the secret is found inside a base64 payload at any alignment', (t) => {
  for (const prefix of ['', 'a', 'ab', 'abc', '\0u\0']) {
    const payload = b64(prefix + secret + 'tail');
    const out = redactTranscript(`blob ${payload}`, [secret]);
    t.false(out.includes(payload), `prefix ${JSON.stringify(prefix)}`);
    t.true(out.includes('[redacted]'));
  }
  t.true(base64Forms(secret).length >= 3);
});

test('empty secrets are ignored; ordinary text is untouched', (t) => {
  t.is(redactTranscript('S: 250 OK\nC: QUIT', ['', undefined as unknown as string]), 'S: 250 OK\nC: QUIT');
});

test('capability lines and notes are left alone; a note between challenge and answer does not let the answer through', (t) => {
  const transcript = [
    'S: 250-AUTH LOGIN PLAIN', 'S: 250 AUTH=LOGIN PLAIN CRAM-MD5', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', '* sending username',
    `C: ${b64('alerts')}`, 'S: 334 UGFzc3dvcmQ6', `C: ${b64(secret)}`, 'S: 235 ok',
  ].join('\n');
  t.is(redactTranscript(transcript, []), [
    'S: 250-AUTH LOGIN PLAIN', 'S: 250 AUTH=LOGIN PLAIN CRAM-MD5', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', '* sending username',
    'C: [redacted]', 'S: 334 UGFzc3dvcmQ6', 'C: [redacted]', 'S: 235 ok',
  ].join('\n'));
  // A payload echoed in a server reply (or an error text) is still caught.
  t.is(redactTranscript(`535 5.7.8 bad AUTH PLAIN ${b64('\0u\0p')}`, []), '535 5.7.8 bad AUTH PLAIN [redacted]');
});
