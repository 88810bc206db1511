// The delivery claim and its bookkeeping. Every cross-process guarantee is one SQL
// statement or one IMMEDIATE transaction: two processes never claim the same row.
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { deliveryAttempts, emailBodies, emails } from './schema.js';
import type { Store } from './open.js';
import { chunks, parseEnvelope } from './rows.js';

export interface ClaimedEmail {
  id: number;
  raw: Buffer;
  envelope: { from: string; to: string[] };
  attempts: number;
  createdAt: number;
  to: string;
  subject: string;
  messageId: string;
}

export interface ClaimOptions {
  now: number;
  leaseMs: number;
  /** Unique per process (e.g. host:pid:random): only the owner may record or release. */
  owner: string;
}

const claimedColumns = {
  id: emails.id,
  envelope: emails.envelope,
  attempts: emails.attempts,
  createdAt: emails.createdAt,
  to: emails.to,
  subject: emails.subject,
  messageId: emails.messageId,
};

type ClaimedRow = { [K in keyof typeof claimedColumns]: K extends 'envelope' ? string : ClaimedEmail[K] };

// The delivery hot path (claim, record) runs thousands of times a second: its statements
// are built and prepared once per connection instead of on every call.
/** A named parameter where Drizzle's update types want an SQL value. */
const ph = (name: string) => sql`${sql.placeholder(name)}`;

function buildStatements(db: Store['db']) {
  const due = (status: 'queued' | 'deferred') =>
    db
      .select({ id: emails.id, at: emails.nextAttemptAt })
      .from(emails)
      .where(and(eq(emails.status, status), lte(emails.nextAttemptAt, sql.placeholder('now'))))
      .orderBy(asc(emails.nextAttemptAt), asc(emails.id))
      .limit(sql.placeholder('limit'));
  // One indexed range per status, merged: a single `status IN (…) ORDER BY next_attempt_at`
  // would sort every due row (a million queued rows) on each claim.
  const dueIds = sql`(SELECT id FROM (SELECT * FROM ${due('queued')} UNION ALL SELECT * FROM ${due('deferred')} ORDER BY 2, 1 LIMIT ${sql.placeholder('limit')}))`;
  return {
    claimDue: db
      .update(emails)
      .set({ status: 'sending', leaseUntil: ph('leaseUntil'), leaseOwner: ph('owner') })
      .where(and(inArray(emails.id, dueIds), inArray(emails.status, ['queued', 'deferred'])))
      .returning(claimedColumns)
      .prepare(),
    raw: db
      .select({ raw: emailBodies.raw })
      .from(emailBodies)
      .where(eq(emailBodies.emailId, sql.placeholder('id')))
      .prepare(),
    record: db
      .update(emails)
      .set({
        status: ph('status'),
        attempts: sql`${emails.attempts} + 1`,
        lastAttemptAt: ph('finishedAt'),
        sentAt: sql`CASE WHEN ${sql.placeholder('sent')} = 1 THEN ${sql.placeholder('finishedAt')} ELSE ${emails.sentAt} END`,
        lastError: ph('lastError'),
        smtpResponse: ph('response'),
        nextAttemptAt: ph('nextAttemptAt'),
        leaseUntil: 0,
        leaseOwner: '',
      })
      .where(and(eq(emails.id, sql.placeholder('id')), eq(emails.status, 'sending'), eq(emails.leaseOwner, sql.placeholder('owner'))))
      .prepare(),
    // A first successful attempt leaves last_error and next_attempt_at as they are ('' and 0),
    // so their indexes are not rewritten: the common case touches the fewest indexes.
    recordCleanSent: db
      .update(emails)
      .set({
        status: 'sent',
        attempts: sql`${emails.attempts} + 1`,
        lastAttemptAt: ph('finishedAt'),
        sentAt: ph('finishedAt'),
        smtpResponse: ph('response'),
        leaseUntil: 0,
        leaseOwner: '',
      })
      .where(
        and(
          eq(emails.id, sql.placeholder('id')),
          eq(emails.status, 'sending'),
          eq(emails.leaseOwner, sql.placeholder('owner')),
          eq(emails.lastError, ''),
          eq(emails.nextAttemptAt, 0),
        ),
      )
      .prepare(),
    exists: db.select({ id: emails.id }).from(emails).where(eq(emails.id, sql.placeholder('id'))).prepare(),
    attempt: db
      .insert(deliveryAttempts)
      .values({
        emailId: sql.placeholder('id'),
        startedAt: sql.placeholder('startedAt'),
        finishedAt: sql.placeholder('finishedAt'),
        outcome: sql.placeholder('outcome'),
        smtpCode: sql.placeholder('smtpCode'),
        response: sql.placeholder('response'),
        errorCode: sql.placeholder('errorCode'),
        diagnosis: sql.placeholder('diagnosis'),
        transcript: sql.placeholder('transcript'),
      })
      .prepare(),
  };
}

const statementCache = new WeakMap<Store['db'], ReturnType<typeof buildStatements>>();
function statements(store: Store): ReturnType<typeof buildStatements> {
  let s = statementCache.get(store.db);
  if (!s) statementCache.set(store.db, (s = buildStatements(store.db)));
  return s;
}

/** Adds the raw messages (their own table) to freshly claimed rows, in id order. */
function withRaw(store: Store, rows: ClaimedRow[]): ClaimedEmail[] {
  const st = statements(store);
  return rows
    .map((r) => ({ ...r, envelope: parseEnvelope(r.envelope), raw: st.raw.get({ id: r.id })?.raw ?? Buffer.alloc(0) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Claims up to `limit` due rows (queued or deferred, next_attempt_at <= now), oldest due
 * first, into 'sending' with a lease. One UPDATE … WHERE id IN (SELECT … LIMIT n) … RETURNING.
 */
export function claimDue(store: Store, opts: ClaimOptions & { limit: number }): ClaimedEmail[] {
  if (opts.limit <= 0) return [];
  const st = statements(store);
  return store.db.transaction(
    () => withRaw(store, st.claimDue.all({ now: opts.now, limit: Math.floor(opts.limit), leaseUntil: opts.now + opts.leaseMs, owner: opts.owner })),
    { behavior: 'immediate' },
  );
}

export interface ClaimIdsResult {
  claimed: ClaimedEmail[];
  skipped: { id: number; reason: string }[];
}

/**
 * Send Now: claims exactly these rows whatever their next_attempt_at. Queued and deferred
 * rows always; sent and failed only with `resend`; never a row another sender holds.
 */
export function claimIds(
  store: Store,
  ids: readonly number[],
  opts: ClaimOptions & { resend: boolean },
): ClaimIdsResult {
  const wanted = [...new Set(ids)];
  const allowed = opts.resend ? ['queued', 'deferred', 'sent', 'failed'] : ['queued', 'deferred'];
  return store.db.transaction(
    (tx) => {
      const status = new Map<number, string>();
      for (const part of chunks(wanted)) {
        for (const r of tx.select({ id: emails.id, status: emails.status }).from(emails).where(inArray(emails.id, part)).all()) {
          status.set(r.id, r.status);
        }
      }
      const skipped: { id: number; reason: string }[] = [];
      const eligible: number[] = [];
      for (const id of wanted) {
        const s = status.get(id);
        if (s === undefined) skipped.push({ id, reason: 'no such email' });
        else if (s === 'sending') skipped.push({ id, reason: 'already being sent' });
        else if (!allowed.includes(s)) skipped.push({ id, reason: `already ${s} (resend to send it again)` });
        else eligible.push(id);
      }
      const rows: ClaimedRow[] = [];
      for (const part of chunks(eligible)) {
        rows.push(
          ...tx
            .update(emails)
            .set({ status: 'sending', leaseUntil: opts.now + opts.leaseMs, leaseOwner: opts.owner })
            .where(and(inArray(emails.id, part), inArray(emails.status, allowed)))
            .returning(claimedColumns)
            .all(),
        );
      }
      const claimed = withRaw(store, rows);
      const order = new Map(wanted.map((id, i) => [id, i]));
      claimed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      return { claimed, skipped };
    },
    { behavior: 'immediate' },
  );
}

export interface Outcome {
  id: number;
  owner: string;
  outcome: 'sent' | 'deferred' | 'failed';
  startedAt: number;
  finishedAt: number;
  smtpCode: number | null;
  response: string;
  errorCode: string;
  diagnosis: string;
  transcript: string;
  /** When to retry (deferred only). */
  nextAttemptAt?: number;
}

/**
 * Records delivery results in one transaction. A row is only updated while `owner` still
 * holds its lease (a recovered lease means another process may own it now); the attempt
 * itself is recorded in the history either way while the row exists. Returns the number
 * of rows whose status was updated.
 */
export function recordOutcomes(store: Store, outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  const st = statements(store);
  return store.db.transaction(
    () => {
      let updated = 0;
      for (const o of outcomes) {
        const sent = o.outcome === 'sent';
        let changes = sent ? st.recordCleanSent.run({ id: o.id, owner: o.owner, finishedAt: o.finishedAt, response: o.response }).changes : 0;
        if (changes === 0) changes = st.record.run({
          id: o.id,
          owner: o.owner,
          status: o.outcome,
          sent: sent ? 1 : 0,
          finishedAt: o.finishedAt,
          lastError: sent ? '' : o.diagnosis || o.response || o.errorCode || o.outcome,
          response: o.response,
          nextAttemptAt: o.outcome === 'deferred' ? (o.nextAttemptAt ?? o.finishedAt) : 0,
        }).changes;
        updated += changes;
        if (changes > 0 || st.exists.get({ id: o.id }) !== undefined) {
          st.attempt.run({
            id: o.id,
            startedAt: o.startedAt,
            finishedAt: o.finishedAt,
            outcome: o.outcome,
            smtpCode: o.smtpCode,
            response: o.response,
            errorCode: o.errorCode,
            diagnosis: o.diagnosis,
            transcript: o.transcript,
          });
        }
      }
      return updated;
    },
    { behavior: 'immediate' },
  );
}

/** Rows whose lease expired (their process died) go back to 'queued'. Returns how many. */
export function recoverExpiredLeases(store: Store, now: number): number {
  return store.db
    .update(emails)
    .set({ status: 'queued', leaseUntil: 0, leaseOwner: '' })
    .where(and(eq(emails.status, 'sending'), lt(emails.leaseUntil, now)))
    .run().changes;
}

/** On a clean shutdown: this owner's rows still 'sending' go back to 'queued'. */
export function releaseLeases(store: Store, owner: string): number {
  return store.db
    .update(emails)
    .set({ status: 'queued', leaseUntil: 0, leaseOwner: '' })
    .where(and(eq(emails.status, 'sending'), eq(emails.leaseOwner, owner)))
    .run().changes;
}

/** Extends this owner's leases on rows still being sent (long batches). Returns how many. */
export function renewLeases(store: Store, ids: readonly number[], opts: ClaimOptions): number {
  let n = 0;
  for (const part of chunks([...ids])) {
    n += store.db
      .update(emails)
      .set({ leaseUntil: opts.now + opts.leaseMs })
      .where(and(inArray(emails.id, part), eq(emails.status, 'sending'), eq(emails.leaseOwner, opts.owner)))
      .run().changes;
  }
  return n;
}
