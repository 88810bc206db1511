import test from 'ava';
import nodemailer from 'nodemailer';
import { startSmtp } from './helpers/smtp.js';

test('the test SMTP server receives real mail and can reject a recipient', async (t) => {
  const smtp = await startSmtp(t, { onRecipient: (a) => (a.startsWith('bad') ? { code: 550, message: '5.1.1 user unknown' } : undefined) });
  const tr = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
  await tr.sendMail({ envelope: { from: 'a@example.test', to: ['b@example.test'] }, raw: 'Subject: hi\r\n\r\nbody\r\n' });
  const got = await smtp.waitFor(1);
  t.deepEqual(got[0]!.to, ['b@example.test']);
  const err = await t.throwsAsync(tr.sendMail({ envelope: { from: 'a@example.test', to: ['bad@example.test'] }, raw: 'Subject: x\r\n\r\nx\r\n' }));
  t.regex(String((err as { response?: string }).response), /550 5\.1\.1 user unknown/);
  tr.close();
});
