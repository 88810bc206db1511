import test from 'ava';
import { insertEmails, listEmails, recordOutcomes, claimIds, MAX_PAGE, planLog } from '../../src/store/emails.js';
import { parseFilter } from '../../src/store/filter.js';
import type { Store } from '../../src/store/open.js';
import type { EmailSummary, LogCursor, SortColumn, SortDirection } from '../../src/types.js';
import { capturePlans, email, newStore } from './_helpers.js';

const SUBJECTS = ['alpha', 'beta', 'beta', 'gamma', 'alpha', 'delta', 'beta', ''];

/** 40 rows with many ties in subject, status, attempts, sentAt (0 = not sent) and to. */
function seed(store: Store): number[] {
  const ids = insertEmails(
    store,
    Array.from({ length: 40 }, (_, i) =>
      email(i, {
        subject: SUBJECTS[i % SUBJECTS.length],
        to: `user${i % 5}@example.com`,
        createdAt: 1_000_000 + (i % 13) * 1000,
      }),
    ),
  );
  // Send every third row with a few distinct sentAt values; fail every seventh.
  const sent = ids.filter((_, i) => i % 3 === 0);
  const failed = ids.filter((_, i) => i % 7 === 1);
  claimIds(store, [...sent, ...failed], { now: 1, leaseMs: 1000, owner: 'o', resend: false });
  recordOutcomes(store, [
    ...sent.map((id, k) => ({
      id, owner: 'o', outcome: 'sent' as const, startedAt: 1, finishedAt: 5_000_000 + (k % 4) * 10, smtpCode: 250,
      response: '250 ok', errorCode: '', diagnosis: '', transcript: '',
    })),
    ...failed.map((id) => ({
      id, owner: 'o', outcome: 'failed' as const, startedAt: 1, finishedAt: 6_000_000, smtpCode: 550,
      response: '550 no', errorCode: 'EENVELOPE', diagnosis: 'no such user', transcript: '',
    })),
  ]);
  return ids;
}

const stored = (r: EmailSummary, column: SortColumn): string | number => {
  const v = column === 'from' ? r.from : (r as unknown as Record<string, unknown>)[column];
  if (v === null) return ['lastError'].includes(column) ? '' : 0;
  return v as string | number;
};

function expected(all: EmailSummary[], column: SortColumn, direction: SortDirection): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...all]
    .sort((a, b) => {
      const va = stored(a, column);
      const vb = stored(b, column);
      if (va < vb) return -sign;
      if (va > vb) return sign;
      return (a.id - b.id) * sign;
    })
    .map((r) => r.id);
}

const COLUMNS: SortColumn[] = ['createdAt', 'subject', 'status', 'sentAt', 'to', 'attempts', 'lastError', 'id', 'nextAttemptAt'];

for (const column of COLUMNS) {
  for (const direction of ['asc', 'desc'] as const) {
    test(`keyset paging by ${column} ${direction}: forward, backward and fromEnd agree with a full sort`, (t) => {
      const store = newStore(t);
      seed(store);
      const sort = { column, direction };
      const all = listEmails(store, { limit: MAX_PAGE, sort: { column: 'id', direction: 'asc' } }).rows;
      const want = expected(all, column, direction);

      // Forward from the top, 7 rows a page.
      const forward: number[] = [];
      let after: LogCursor | undefined;
      let page = listEmails(store, { limit: 7, sort });
      t.false(page.hasMoreBefore);
      for (;;) {
        forward.push(...page.rows.map((r) => r.id));
        t.is(page.cursors.length, page.rows.length);
        if (!page.hasMoreAfter) break;
        after = page.cursors.at(-1)!;
        page = listEmails(store, { limit: 7, sort, after });
        t.true(page.hasMoreBefore);
      }
      t.deepEqual(forward, want);

      // Backward from the bottom.
      const backward: number[][] = [];
      page = listEmails(store, { limit: 7, sort, fromEnd: true });
      t.false(page.hasMoreAfter);
      t.is(page.rows.length, 7);
      for (;;) {
        backward.unshift(page.rows.map((r) => r.id));
        if (!page.hasMoreBefore) break;
        page = listEmails(store, { limit: 7, sort, before: page.cursors[0]! });
        t.true(page.hasMoreAfter);
      }
      t.deepEqual(backward.flat(), want);
    });
  }
}

test('a cursor in the middle of a run of ties continues exactly after that row', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 10 }, (_, i) => email(i, { subject: 'same' })));
  const sort = { column: 'subject' as const, direction: 'asc' as const };
  const first = listEmails(store, { limit: 4, sort });
  t.deepEqual(first.rows.map((r) => r.id), ids.slice(0, 4));
  t.deepEqual(first.cursors[3], { id: ids[3], value: 'same' });
  const next = listEmails(store, { limit: 4, sort, after: first.cursors[3] });
  t.deepEqual(next.rows.map((r) => r.id), ids.slice(4, 8));
  const back = listEmails(store, { limit: 4, sort, before: next.cursors[0] });
  t.deepEqual(back.rows.map((r) => r.id), ids.slice(0, 4));
  t.false(back.hasMoreBefore);
  t.true(back.hasMoreAfter);
});

test('default sort is newest first; limit is capped at 1000; sentinels come back as null', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 1005 }, (_, i) => email(i)));
  const page = listEmails(store, { limit: 5000 });
  t.is(page.rows.length, 1000);
  t.true(page.hasMoreAfter);
  t.is(page.rows[0]!.id, ids.at(-1)!);
  const r = page.rows[0]!;
  t.is(r.sentAt, null);
  t.is(r.nextAttemptAt, null);
  t.is(r.lastError, null);
  t.is(r.smtpResponse, null);
  t.false('raw' in r, 'the list never carries the raw message');
  t.deepEqual(listEmails(store, { limit: 0 }).rows, []);
});

test('a cursor whose row was deleted still pages correctly', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, Array.from({ length: 10 }, (_, i) => email(i)));
  const sort = { column: 'id' as const, direction: 'asc' as const };
  const page = listEmails(store, { limit: 3, sort });
  store.sqlite.prepare('DELETE FROM emails WHERE id = ?').run(ids[2]);
  t.deepEqual(listEmails(store, { limit: 3, sort, after: page.cursors[2] }).rows.map((r) => r.id), ids.slice(3, 6));
});

test('EXPLAIN QUERY PLAN: sorted pages walk an index, never a temp b-tree, even when filtered by a common status', (t) => {
  const store = newStore(t);
  seed(store);
  insertEmails(store, Array.from({ length: 21_000 }, (_, i) => email(100 + i)));
  const cases: [string, Parameters<typeof listEmails>[1], string][] = [
    ['subject asc', { limit: 50, sort: { column: 'subject', direction: 'asc' } }, 'emails_subject_idx'],
    ['subject desc after a cursor', { limit: 50, sort: { column: 'subject', direction: 'desc' }, after: { id: 30, value: 'beta' } }, 'emails_subject_idx'],
    ['subject asc before a cursor', { limit: 50, sort: { column: 'subject', direction: 'asc' }, before: { id: 30, value: 'beta' } }, 'emails_subject_idx'],
    ['sentAt desc', { limit: 50, sort: { column: 'sentAt', direction: 'desc' } }, 'emails_sent_idx'],
    ['sentAt asc fromEnd', { limit: 50, sort: { column: 'sentAt', direction: 'asc' }, fromEnd: true }, 'emails_sent_idx'],
    ['subject, status:queued (21000+ rows)', { limit: 50, sort: { column: 'subject', direction: 'asc' }, filter: 'status:queued' }, 'emails_subject_idx'],
    ['createdAt desc since:1h', { limit: 50, sort: { column: 'createdAt', direction: 'desc' }, filter: 'since:1h disk' }, 'emails_created_idx'],
    ['to asc with a word', { limit: 50, sort: { column: 'to', direction: 'asc' }, filter: 'user1' }, 'emails_to_idx'],
  ];
  for (const [name, query, index] of cases) {
    const plans = capturePlans(store, () => listEmails(store, query));
    const list = plans.filter((p) => p.some((d) => d.includes(index)));
    t.true(list.length > 0, `${name}: uses ${index}: ${JSON.stringify(plans)}`);
    for (const p of plans) t.false(p.some((d) => d.includes('TEMP B-TREE')), `${name}: ${p.join(' | ')}`);
  }
});

test('rare filters are read through their own index or one pass, and page exactly like the sort index', (t) => {
  const store = newStore(t);
  const ids = insertEmails(
    store,
    Array.from({ length: 12_000 }, (_, i) =>
      email(i, { subject: i % 1000 === 7 && i < 9000 ? `needle ${i % 3}` : `hay ${i % 50}`, createdAt: i < 11_990 ? 1000 + i : 9_000_000 + i }),
    ),
  );
  const sort = { column: 'subject' as const, direction: 'desc' as const };
  const nodes = (f: string) => parseFilter(f, 9_050_000);
  t.is(planLog(store, nodes('needle'), 'subject'), 'scan');
  t.is(planLog(store, nodes('hay'), 'subject'), 'sort');
  t.is(planLog(store, nodes('since:1m'), 'subject'), 'time');
  t.is(planLog(store, nodes('since:1m'), 'createdAt'), 'sort');
  t.is(planLog(store, nodes('hay'), 'createdAt'), 'sort');
  // The 9 needles, 3 subjects × 3 (ties), paged 4 at a time both ways.
  const want = ids
    .map((id, i) => ({ id, subject: i % 1000 === 7 && i < 9000 ? `needle ${i % 3}` : "" }))
    .filter((r) => r.subject)
    .sort((a, b) => (a.subject < b.subject ? 1 : a.subject > b.subject ? -1 : b.id - a.id))
    .map((r) => r.id);
  const got: number[] = [];
  let page = listEmails(store, { limit: 4, sort, filter: 'needle' });
  got.push(...page.rows.map((r) => r.id));
  while (page.hasMoreAfter) {
    page = listEmails(store, { limit: 4, sort, filter: 'needle', after: page.cursors.at(-1)! });
    got.push(...page.rows.map((r) => r.id));
  }
  t.deepEqual(got, want);
  const end = listEmails(store, { limit: 4, sort, filter: 'needle', fromEnd: true });
  t.deepEqual(end.rows.map((r) => r.id), want.slice(-4));
  const before = listEmails(store, { limit: 4, sort, filter: 'needle', before: end.cursors[0]! });
  t.deepEqual(before.rows.map((r) => r.id), want.slice(-8, -4));
  const recent = listEmails(store, { limit: 50, sort, filter: 'since:1m' }, 9_050_000);
  t.deepEqual(recent.rows.map((r) => r.id).sort((a, b) => a - b), ids.slice(-10));
});

test('a rare status filter may use the status index (few rows to sort)', (t) => {
  const store = newStore(t);
  seed(store);
  const page = listEmails(store, { limit: 50, sort: { column: 'subject', direction: 'asc' }, filter: 'status:failed' });
  t.true(page.rows.length > 0);
  t.true(page.rows.every((r) => r.status === 'failed'));
  const subjects = page.rows.map((r) => r.subject);
  t.deepEqual(subjects, [...subjects].sort());
});

test('a filter whose matches all sit at the far end of the sort order pages correctly both ways', (t) => {
  const store = newStore(t);
  // 52,000 rows; the 1,300 "needle" rows sort last by subject, so a walk of the subject
  // index meets none of them in its first 50,700 entries.
  const ids = insertEmails(
    store,
    Array.from({ length: 52_000 }, (_, i) =>
      email(i, i % 40 === 5 ? { subject: `zz needle ${i % 7}`, to: 'needle@example.com' } : { subject: `hay ${i % 90}` }),
    ),
  );
  const needles = ids
    .map((id, i) => ({ id, subject: i % 40 === 5 ? `zz needle ${i % 7}` : '' }))
    .filter((r) => r.subject)
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.id - b.id));
  const sort = { column: 'subject' as const, direction: 'asc' as const };
  t.is(planLog(store, parseFilter('to:needle'), 'subject', 50), 'sort');
  const first = listEmails(store, { limit: 50, sort, filter: 'to:needle' });
  t.deepEqual(first.rows.map((r) => r.id), needles.slice(0, 50).map((r) => r.id));
  t.true(first.hasMoreAfter);
  const second = listEmails(store, { limit: 50, sort, filter: 'to:needle', after: first.cursors.at(-1)! });
  t.deepEqual(second.rows.map((r) => r.id), needles.slice(50, 100).map((r) => r.id));
  t.true(second.hasMoreBefore);
  const back = listEmails(store, { limit: 50, sort, filter: 'to:needle', before: second.cursors[0]! });
  t.deepEqual(back.rows.map((r) => r.id), needles.slice(0, 50).map((r) => r.id));
  t.false(back.hasMoreBefore);
  const desc = listEmails(store, { limit: 50, sort: { column: 'subject', direction: 'desc' }, filter: 'to:needle', fromEnd: true });
  t.deepEqual(desc.rows.map((r) => r.id), needles.slice(0, 50).map((r) => r.id).reverse());
});
