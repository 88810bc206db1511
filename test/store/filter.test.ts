import test from 'ava';
import { parseFilter } from '../../src/store/filter.js';
import { countEmails, countEmailsCapped, insertEmails, listEmails, matchingIds } from '../../src/store/emails.js';
import { FilterError } from '../../src/errors.js';
import { email, newStore } from './_helpers.js';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const H = 3_600_000;

test('free words, field:value, quotes and negation parse into nodes', (t) => {
  t.deepEqual(parseFilter('', NOW), []);
  t.deepEqual(parseFilter('  disk   full ', NOW), [
    { kind: 'word', value: 'disk', negate: false },
    { kind: 'word', value: 'full', negate: false },
  ]);
  t.deepEqual(parseFilter('"disk full" !"backup ok"', NOW), [
    { kind: 'word', value: 'disk full', negate: false },
    { kind: 'word', value: 'backup ok', negate: true },
  ]);
  t.deepEqual(parseFilter('subject:"disk full" to:bob FROM:alerts origin:cron', NOW), [
    { kind: 'text', field: 'subject', value: 'disk full', negate: false },
    { kind: 'text', field: 'to', value: 'bob', negate: false },
    { kind: 'text', field: 'from', value: 'alerts', negate: false },
    { kind: 'text', field: 'origin', value: 'cron', negate: false },
  ]);
  t.deepEqual(parseFilter('status:Queued,deferred !source:template', NOW), [
    { kind: 'status', values: ['queued', 'deferred'], negate: false },
    { kind: 'source', values: ['template'], negate: true },
  ]);
  t.deepEqual(parseFilter('to:a:b subject:"say \\"hi\\""', NOW), [
    { kind: 'text', field: 'to', value: 'a:b', negate: false },
    { kind: 'text', field: 'subject', value: 'say "hi"', negate: false },
  ]);
});

test('since and before take durations, dates and date-times', (t) => {
  t.deepEqual(parseFilter('since:2h', NOW), [{ kind: 'time', field: 'since', at: NOW - 2 * H, negate: false }]);
  for (const [text, ms] of [['90s', 90_000], ['15m', 15 * 60_000], ['3d', 3 * 24 * H], ['1w', 7 * 24 * H]] as const) {
    t.is((parseFilter(`since:${text}`, NOW)[0] as { at: number }).at, NOW - ms, text);
  }
  t.deepEqual(parseFilter('before:2026-12-01', NOW), [
    { kind: 'time', field: 'before', at: new Date(2026, 11, 1).getTime(), negate: false },
  ]);
  t.is((parseFilter('before:2026-12-01T08:30:00Z', NOW)[0] as { at: number }).at, Date.UTC(2026, 11, 1, 8, 30));
  t.is((parseFilter('before:7d', NOW)[0] as { at: number }).at, NOW - 7 * 24 * H);
  t.deepEqual(parseFilter('!since:1h', NOW), [{ kind: 'time', field: 'since', at: NOW - H, negate: true }]);
});

const malformed: [string, RegExp][] = [
  ['foo:bar', /^unknown field "foo" — known fields are status, to, from, subject, source, origin, since, before/],
  ['status:bogus', /^bad status "bogus" — known values are queued, sending, sent, deferred, failed/],
  ['status:queued,nope', /bad status "nope"/],
  ['source:robot', /^bad source "robot" — known values are procedure, template, desk, default/],
  ['subject:"disk full', /^unterminated quote at position 9/],
  ['"open', /unterminated quote/],
  ['to:', /^empty value for "to:"/],
  ['subject:""', /empty value for "subject:"/],
  ['since:yesterday', /^bad time "yesterday" for since: — use a duration \(30m, 2h, 7d, 1w; units s m h d w\)/],
  ['before:2026-13-45', /bad time "2026-13-45" for before:/],
  ['since:5y', /bad time "5y"/],
  ['!', /"!" at position 1 must be followed by/],
  ['disk ! full', /"!" at position 6/],
  [':x', /missing field name/],
  ['sub"ject', /unexpected quote/],
  ['"a"b', /after a closing quote/],
];

for (const [expr, message] of malformed) {
  test(`malformed filter ${JSON.stringify(expr)} is an error that says what is wrong`, (t) => {
    const err = t.throws(() => parseFilter(expr, NOW), { instanceOf: FilterError });
    t.regex(err!.message, message);
    t.false(err!.message.includes('\n'));
  });
}

test('the filter selects rows in the database: words, fields, status, source, negation, time', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, [
    email(1, { subject: 'Disk FULL on web1', to: 'ops@example.com', createdAt: NOW - 3 * H }),
    email(2, { subject: 'backup ok', to: 'Bob@Example.com', createdAt: NOW - 30 * 60_000, fromSource: 'template', origin: 'cron-nightly' }),
    email(3, { subject: 'disk full on db1', to: 'dba@example.com', fromAddress: 'alerts@monitor.example', createdAt: NOW - 10 * 60_000 }),
    email(4, { subject: '100% done_now', to: 'x@example.com', createdAt: NOW - 48 * H }),
  ]);
  store.sqlite.prepare("UPDATE emails SET status = 'sent' WHERE id = ?").run(ids[2]);
  store.sqlite.prepare("UPDATE emails SET status = 'failed', last_error = 'Connection timed out' WHERE id = ?").run(ids[3]);
  const ids_ = (filter: string) =>
    listEmails(store, { filter, limit: 100, sort: { column: 'id', direction: 'asc' } }, NOW).rows.map((r) => ids.indexOf(r.id) + 1);
  t.deepEqual(ids_('disk'), [1, 3], 'free word, case-insensitive, subject');
  t.deepEqual(ids_('bob'), [2], 'free word matches To');
  t.deepEqual(ids_('"disk full on"'), [1, 3]);
  t.deepEqual(ids_('disk web1'), [1], 'words are ANDed');
  t.deepEqual(ids_('!disk'), [2, 4]);
  t.deepEqual(ids_('subject:"full on db"'), [3]);
  t.deepEqual(ids_('from:monitor'), [3]);
  t.deepEqual(ids_('origin:nightly'), [2]);
  t.deepEqual(ids_('status:queued'), [1, 2]);
  t.deepEqual(ids_('status:sent,failed'), [3, 4]);
  t.deepEqual(ids_('!status:queued'), [3, 4]);
  t.deepEqual(ids_('source:template'), [2]);
  t.deepEqual(ids_('since:1h'), [2, 3]);
  t.deepEqual(ids_('before:1h'), [1, 4]);
  t.deepEqual(ids_('since:1d !since:20m'), [1, 2]);
  t.deepEqual(ids_('error:timed'), [4]);
  t.deepEqual(ids_('"100%"'), [4], '% is literal');
  t.deepEqual(ids_('done_now'), [4]);
  t.deepEqual(ids_('k_full'), [], '_ is literal, not a wildcard (it would match "k full")');
  t.is(countEmails(store, 'disk', NOW), 2);
  t.is(countEmails(store, 'status:queued', NOW), 2);
  t.is(countEmails(store, undefined, NOW), 4);
  t.is(countEmailsCapped(store, 'example', 3, NOW), 3);
  t.is(countEmailsCapped(store, 'example', 10, NOW), 4);
  t.is(countEmailsCapped(store, undefined, 2, NOW), 2);
  t.deepEqual(matchingIds(store, 'status:sent,failed', 10, NOW), [ids[2], ids[3]]);
  t.throws(() => listEmails(store, { filter: 'status:nope', limit: 10 }), { instanceOf: FilterError });
  t.throws(() => countEmails(store, 'foo:1'), { instanceOf: FilterError });
});
