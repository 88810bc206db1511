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

type Tx = Parameters<Parameters<Store['db']['transaction']>[0]>[0];

/** Adds the raw messages (their own table) to freshly claimed rows, in id order. */
function withRaw(tx: Tx, rows: ClaimedRow[]): ClaimedEmail[] {
  const raw = new Map<number, Buffer>();
  for (const part of chunks(rows.map((r) => r.id))) {
    for (const b of tx.select().from(emailBodies).where(inArray(emailBodies.emailId, part)).all()) raw.set(b.emailId, b.raw);
  }
  return rows
    .map((r) => ({ ...r, envelope: parseEnvelope(r.envelope), raw: raw.get(r.id) ?? Buffer.alloc(0) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * Claims up to `limit` due rows (queued or deferred, next_attempt_at <= now), oldest due
 * first, into 'sending' with a lease. One UPDATE … WHERE id IN (SELECT … LIMIT n) … RETURNING.
 */
export function claimDue(store: Store, opts: ClaimOptions & { limit: number }): ClaimedEmail[] {
  const { db } = store;
  if (opts.limit <= 0) return [];
  // One indexed range per status, merged: a single `status IN (…) ORDER BY next_attempt_at`
  // would sort every due row (a million queued rows) on each claim.
  const due = (status: 'queued' | 'deferred') =>
    db
      .select({ id: emails.id, at: emails.nextAttemptAt })
      .from(emails)
      .where(and(eq(emails.status, status), lte(emails.nextAttemptAt, opts.now)))
      .orderBy(asc(emails.nextAttemptAt), asc(emails.id))
      .limit(opts.limit);
  const ids = sql`(SELECT id FROM (SELECT * FROM ${due('queued')} UNION ALL SELECT * FROM ${due('deferred')} ORDER BY 2, 1 LIMIT ${opts.limit}))`;
  return db.transaction(
    (tx) =>
      withRaw(
        tx,
        tx
          .update(emails)
          .set({ status: 'sending', leaseUntil: opts.now + opts.leaseMs, leaseOwner: opts.owner })
          .where(and(inArray(emails.id, ids), inArray(emails.status, ['queued', 'deferred'])))
          .returning(claimedColumns)
          .all(),
      ),
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
      const claimed = withRaw(tx, rows);
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
  return store.db.transaction(
    (tx) => {
      let updated = 0;
      for (const o of outcomes) {
        const sent = o.outcome === 'sent';
        const changes = tx
          .update(emails)
          .set({
            status: o.outcome,
            attempts: sql`${emails.attempts} + 1`,
            lastAttemptAt: o.finishedAt,
            ...(sent ? { sentAt: o.finishedAt } : {}),
            lastError: sent ? '' : o.diagnosis || o.response || o.errorCode || o.outcome,
            smtpResponse: o.response,
            nextAttemptAt: o.outcome === 'deferred' ? (o.nextAttemptAt ?? o.finishedAt) : 0,
            leaseUntil: 0,
            leaseOwner: '',
          })
          .where(and(eq(emails.id, o.id), eq(emails.status, 'sending'), eq(emails.leaseOwner, o.owner)))
          .run().changes;
        updated += changes;
        const exists = changes > 0 || tx.select({ id: emails.id }).from(emails).where(eq(emails.id, o.id)).get() !== undefined;
        if (exists) {
          tx.insert(deliveryAttempts)
            .values({
              emailId: o.id,
              startedAt: o.startedAt,
              finishedAt: o.finishedAt,
              outcome: o.outcome,
              smtpCode: o.smtpCode,
              response: o.response,
              errorCode: o.errorCode,
              diagnosis: o.diagnosis,
              transcript: o.transcript,
            })
            .run();
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
