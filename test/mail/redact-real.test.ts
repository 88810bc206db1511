// A real SMTP conversation (nodemailer's debug log against smtp-server with
// AUTH), redacted: no password, no credential payload, protocol lines kept.
import test from 'ava';
import { format } from 'node:util';
import nodemailer from 'nodemailer';
import { redactTranscript } from '../../src/mail/index.js';
import { startSmtp } from '../helpers/smtp.js';

const password = 'S3cret-Pass-42';

for (const method of ['LOGIN', 'PLAIN'] as const) {
  test(`AUTH ${method} transcript carries no credential after redaction`, async (t) => {
    const smtp = await startSmtp(t, { auth: { user: 'bob', pass: password } });
    const lines: string[] = [];
    const log = (entry: { tnx?: string } | undefined, message?: unknown, ...args: unknown[]) => {
      const text = typeof message === 'string' ? format(message, ...args) : '';
      const prefix = entry?.tnx === 'client' ? 'C: ' : entry?.tnx === 'server' ? 'S: ' : '* ';
      for (const l of text.split(/\r?\n/)) if (l) lines.push(prefix + l);
    };
    const logger = { trace: log, debug: log, info: log, warn: log, error: log, fatal: log, level: () => {} };
    const transport = nodemailer.createTransport({
      host: smtp.host, port: smtp.port, ignoreTLS: true, auth: { user: 'bob', pass: password, method }, logger, debug: true,
    } as unknown as Parameters<typeof nodemailer.createTransport>[0]);
    await transport.sendMail({ envelope: { from: 'a@x.example', to: ['b@y.example'] }, raw: 'Subject: x\r\n\r\nx\r\n' });
    transport.close();
    const out = redactTranscript(lines.join('\n'), [password]);
    t.false(out.includes(password));
    t.false(out.includes(Buffer.from(password).toString('base64').slice(0, 12)));
    t.regex(out, /S: 250[- ]AUTH LOGIN PLAIN/);
    t.regex(out, /S: 235 /);
    if (method === 'PLAIN') t.regex(out, /C: AUTH PLAIN \[redacted\]/);
    else t.regex(out, /S: 334 UGFzc3dvcmQ6\nC: \[redacted\]/);
  });
}
