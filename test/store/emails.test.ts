import test from 'ava';
import { getEmail, insertEmail, insertEmails } from '../../src/store/emails.js';
import { email, newStore } from './_helpers.js';

test('a batch insert (full blocks and a remainder) returns ids in input order, with each raw message', (t) => {
  const store = newStore(t);
  const rows = Array.from({ length: 257 }, (_, i) => email(i, { subject: `subject ${i}`, cc: i % 2 ? 'cc@example.com' : '' }));
  const ids = insertEmails(store, rows);
  t.is(ids.length, 257);
  t.deepEqual(ids, [...ids].sort((a, b) => a - b));
  for (const k of [0, 99, 100, 199, 200, 256]) {
    const e = getEmail(store, ids[k]!)!;
    t.is(e.subject, `subject ${k}`);
    t.is(e.raw.toString(), rows[k]!.raw.toString());
    t.is(e.size, rows[k]!.raw.length);
    t.is(e.cc, k % 2 ? 'cc@example.com' : '');
    t.deepEqual(e.envelope, rows[k]!.envelope);
    t.is(e.status, 'queued');
    t.deepEqual(e.attemptsHistory, []);
  }
});

test('a batch is all or nothing', (t) => {
  const store = newStore(t);
  const bad = { ...email(2), fromSource: 'nobody' as never };
  const err = t.throws(() => insertEmails(store, [email(1), bad]), { any: true });
  t.regex(String((err as { message?: string }).message), /CHECK constraint failed/);
  t.is(store.sqlite.prepare('SELECT count(*) FROM emails').pluck().get(), 0);
  t.is(store.sqlite.prepare('SELECT count(*) FROM email_bodies').pluck().get(), 0);
});

test('insertEmail keeps optional links and the first delivery time', (t) => {
  const store = newStore(t);
  const original = insertEmail(store, email(1));
  const id = insertEmail(store, email(2, { forwardedFromId: original, templateId: 7, deskId: 3, nextAttemptAt: 5000 }));
  t.like(getEmail(store, id), { forwardedFromId: original, templateId: 7, deskId: 3, nextAttemptAt: 5000 });
  t.is(getEmail(store, 999), undefined);
});
