import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openStore } from '../../src/store/open.js';
import {
  claimDue,
  claimIds,
  getEmail,
  insertEmails,
  recordOutcomes,
  recoverExpiredLeases,
  releaseLeases,
  renewLeases,
  type Outcome,
} from '../../src/store/emails.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { email, newStore } from './_helpers.js';

const run = promisify(execFile);
const claimer = fileURLToPath(new URL('./_claimer.ts', import.meta.url));
const tsxLoader = import.meta.resolve('tsx');

function outcome(id: number, owner: string, over: Partial<Outcome> = {}): Outcome {
  return {
    id,
    owner,
    outcome: 'sent',
    startedAt: 2000,
    finishedAt: 2100,
    smtpCode: 250,
    response: '250 2.0.0 Ok: queued as ABC',
    errorCode: '',
    diagnosis: '',
    transcript: 'C: DATA\nS: 250 ok',
    ...over,
  };
}

test('claimDue takes due rows oldest-due first into sending with a lease, and returns the raw message', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, [email(1), email(2, { nextAttemptAt: 5000 }), email(3)]);
  const got = claimDue(store, { now: 1000, limit: 10, leaseMs: 60_000, owner: 'A' });
  t.deepEqual(got.map((g) => g.id), [ids[0], ids[2]]);
  t.is(got[0]!.raw.toString(), email(1).raw.toString());
  t.deepEqual(got[0]!.envelope, { from: 'ops@example.com', to: ['user1@example.com'] });
  t.is(getEmail(store, ids[0]!)!.status, 'sending');
  t.is(getEmail(store, ids[1]!)!.status, 'queued');
  const row = store.sqlite.prepare('SELECT lease_until, lease_owner FROM emails WHERE id = ?').get(ids[0]) as {
    lease_until: number;
    lease_owner: string;
  };
  t.deepEqual(row, { lease_until: 61_000, lease_owner: 'A' });
  t.deepEqual(claimDue(store, { now: 1000, limit: 10, leaseMs: 60_000, owner: 'B' }), []);
  t.deepEqual(claimDue(store, { now: 5000, limit: 10, leaseMs: 60_000, owner: 'B' }).map((g) => g.id), [ids[1]]);
});

test('claimDue merges queued and deferred rows by due time and respects the limit', (t) => {
  const store = newStore(t);
  const [a, b, c] = insertEmails(store, [email(1, { nextAttemptAt: 300 }), email(2, { nextAttemptAt: 100 }), email(3, { nextAttemptAt: 200 })]);
  store.sqlite.prepare("UPDATE emails SET status = 'deferred' WHERE id = ?").run(c);
  t.deepEqual(claimDue(store, { now: 1000, limit: 2, leaseMs: 1000, owner: 'A' }).map((g) => g.id), [b, c]);
  t.deepEqual(claimDue(store, { now: 1000, limit: 2, leaseMs: 1000, owner: 'A' }).map((g) => g.id), [a]);
});

test('two connections claiming in turn never get the same row', (t) => {
  const path = tmpDbPath(t);
  const one = openStore(path);
  const two = openStore(path);
  t.teardown(() => {
    one.close();
    two.close();
  });
  const ids = insertEmails(one, Array.from({ length: 300 }, (_, i) => email(i)));
  const seen = new Map<number, string>();
  for (let round = 0; round < 100; round++) {
    for (const [store, owner] of [
      [one, 'one'],
      [two, 'two'],
    ] as const) {
      for (const g of claimDue(store, { now: Date.now(), limit: 4, leaseMs: 60_000, owner })) {
        t.false(seen.has(g.id), `row ${g.id} claimed twice`);
        seen.set(g.id, owner);
      }
    }
  }
  t.deepEqual([...seen.keys()].sort((a, b) => a - b), ids);
});

test('two processes claiming at the same time never get the same row', async (t) => {
  const path = tmpDbPath(t);
  const store = openStore(path);
  const ids = insertEmails(store, Array.from({ length: 1000 }, (_, i) => email(i)));
  store.close();
  const runOne = (owner: string) =>
    run(process.execPath, ['--import', tsxLoader, claimer, path, owner], { encoding: 'utf8' }).then(
      (r) => JSON.parse(r.stdout) as number[],
    );
  const [a, b] = await Promise.all([runOne('proc-a'), runOne('proc-b')]);
  const all = [...a, ...b];
  t.is(new Set(all).size, all.length, 'no id claimed by both processes');
  t.deepEqual(all.sort((x, y) => x - y), ids);
  t.log(`process a claimed ${a.length}, process b claimed ${b.length}`);
});

test('claimIds: queued and deferred always, sent/failed only with resend, never sending or unknown', (t) => {
  const store = newStore(t);
  const [queued, deferred, sending, sent, failed] = insertEmails(store, [1, 2, 3, 4, 5].map((i) => email(i)));
  const set = store.sqlite.prepare('UPDATE emails SET status = ?, next_attempt_at = ? WHERE id = ?');
  set.run('deferred', 9_999_999, deferred);
  set.run('sending', 0, sending);
  set.run('sent', 0, sent);
  set.run('failed', 0, failed);
  const opts = { now: 1000, leaseMs: 60_000, owner: 'N' };
  const first = claimIds(store, [queued!, deferred!, sending!, sent!, failed!, 424242], { ...opts, resend: false });
  t.deepEqual(first.claimed.map((c) => c.id), [queued, deferred], 'deferred is claimed even before its retry time');
  t.deepEqual(
    first.skipped.map((s) => s.id),
    [sending, sent, failed, 424242],
  );
  t.regex(first.skipped.find((s) => s.id === sending)!.reason, /being sent/);
  t.regex(first.skipped.find((s) => s.id === sent)!.reason, /already sent/);
  t.regex(first.skipped.find((s) => s.id === 424242)!.reason, /no such email/);
  t.is(getEmail(store, sent!)!.status, 'sent');

  const again = claimIds(store, [sent!, failed!, sending!, queued!], { ...opts, resend: true });
  t.deepEqual(again.claimed.map((c) => c.id), [sent, failed]);
  t.deepEqual(again.skipped.map((s) => s.id), [sending, queued], 'rows claimed by the first call are now sending');
  t.is(again.claimed[0]!.raw.toString(), email(4).raw.toString());
});

test('recordOutcomes updates each outcome in one batch and keeps the attempt history', (t) => {
  const store = newStore(t);
  const [a, b, c] = insertEmails(store, [1, 2, 3].map((i) => email(i)));
  claimDue(store, { now: 1000, limit: 10, leaseMs: 60_000, owner: 'W' });
  const updated = recordOutcomes(store, [
    outcome(a!, 'W'),
    outcome(b!, 'W', {
      outcome: 'deferred',
      smtpCode: 451,
      response: '451 4.3.0 try later',
      errorCode: 'EENVELOPE',
      diagnosis: 'the server asked to try again later',
      nextAttemptAt: 62_100,
    }),
    outcome(c!, 'W', { outcome: 'failed', smtpCode: 550, response: '550 5.1.1 no such user', errorCode: 'EENVELOPE', diagnosis: 'the recipient does not exist' }),
  ]);
  t.is(updated, 3);
  const ea = getEmail(store, a!)!;
  t.like(ea, { status: 'sent', attempts: 1, sentAt: 2100, lastError: null, smtpResponse: '250 2.0.0 Ok: queued as ABC', nextAttemptAt: null, lastAttemptAt: 2100 });
  t.is(ea.attemptsHistory.length, 1);
  t.like(ea.attemptsHistory[0], { outcome: 'sent', smtpCode: 250, transcript: 'C: DATA\nS: 250 ok' });
  t.like(getEmail(store, b!)!, { status: 'deferred', attempts: 1, sentAt: null, nextAttemptAt: 62_100, lastError: 'the server asked to try again later' });
  t.like(getEmail(store, c!)!, { status: 'failed', attempts: 1, smtpResponse: '550 5.1.1 no such user', lastError: 'the recipient does not exist' });
  const lease = store.sqlite.prepare("SELECT count(*) FROM emails WHERE lease_owner <> '' OR lease_until <> 0").pluck().get();
  t.is(lease, 0, 'leases cleared');
});

test('recordOutcomes does not touch a row whose lease another owner holds', (t) => {
  const store = newStore(t);
  const [a] = insertEmails(store, [email(1)]);
  claimDue(store, { now: 1000, limit: 1, leaseMs: 10, owner: 'old' });
  recoverExpiredLeases(store, 2000);
  claimDue(store, { now: 2000, limit: 1, leaseMs: 60_000, owner: 'new' });
  t.is(recordOutcomes(store, [outcome(a!, 'old', { outcome: 'failed', diagnosis: 'late' })]), 0);
  const e = getEmail(store, a!)!;
  t.is(e.status, 'sending', 'still held by the new owner');
  t.is(e.attempts, 0);
  t.is(e.attemptsHistory.length, 1, 'the attempt that happened is still in the history');
  t.is(recordOutcomes(store, [outcome(a!, 'new')]), 1);
  t.is(getEmail(store, a!)!.status, 'sent');
});

test('expired leases return to queued; live ones stay; releaseLeases frees only its owner', (t) => {
  const store = newStore(t);
  const ids = insertEmails(store, [1, 2, 3, 4].map((i) => email(i)));
  claimIds(store, [ids[0]!, ids[1]!], { now: 1000, leaseMs: 1000, owner: 'dead', resend: false });
  claimIds(store, [ids[2]!, ids[3]!], { now: 1000, leaseMs: 100_000, owner: 'alive', resend: false });
  t.is(recoverExpiredLeases(store, 1500), 0);
  t.is(recoverExpiredLeases(store, 2500), 2);
  t.deepEqual(ids.map((id) => getEmail(store, id)!.status), ['queued', 'queued', 'sending', 'sending']);
  t.is(renewLeases(store, [ids[2]!], { now: 50_000, leaseMs: 100_000, owner: 'alive' }), 1);
  t.is(releaseLeases(store, 'someone-else'), 0);
  t.is(releaseLeases(store, 'alive'), 2);
  t.deepEqual(ids.map((id) => getEmail(store, id)!.status), ['queued', 'queued', 'queued', 'queued']);
  t.is(claimDue(store, { now: 3000, limit: 10, leaseMs: 1000, owner: 'x' }).length, 4, 'recovered rows are claimable again');
});
