// The Log rows: enqueue, read one, delete. Also re-exports the rest of the email API
// (claim, log paging, purge, counts) so callers can import it all from here.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { deliveryAttempts, emailBodies, emails } from './schema.js';
import type { Store } from './open.js';
import { chunks, parseEnvelope, summaryColumns, toSummary, zeroToNull } from './rows.js';
import type { DeliveryAttempt, EmailDetail, FromSource } from '../types.js';

export * from './claim.js';
export * from './log.js';
export * from './maintenance.js';

export interface NewEmail {
  createdAt: number;
  status: 'queued';
  fromAddress: string;
  fromSource: FromSource;
  to: string;
  cc: string;
  bcc: string;
  envelope: { from: string; to: string[] };
  subject: string;
  raw: Buffer;
  messageId: string;
  origin: string;
  templateId?: number | null;
  deskId?: number | null;
  forwardedFromId?: number | null;
  /** Earliest delivery time; default 0 (due at once). */
  nextAttemptAt?: number;
}

// 22 columns per row: 400 rows stay under SQLite's 32766 bound variables.
const INSERT_CHUNK = 400;

/** Inserts the rows in one transaction (all or nothing); returns their ids in order. */
export function insertEmails(store: Store, rows: NewEmail[]): number[] {
  if (rows.length === 0) return [];
  const values = rows.map((r) => ({
    createdAt: r.createdAt,
    status: r.status,
    fromAddress: r.fromAddress,
    fromSource: r.fromSource,
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    envelope: JSON.stringify({ from: r.envelope.from, to: r.envelope.to }),
    subject: r.subject,
    size: r.raw.length,
    messageId: r.messageId,
    origin: r.origin,
    templateId: r.templateId ?? null,
    deskId: r.deskId ?? null,
    forwardedFromId: r.forwardedFromId ?? null,
    nextAttemptAt: r.nextAttemptAt ?? 0,
  }));
  return store.db.transaction(
    (tx) => {
      const ids: number[] = [];
      for (const part of chunks(values, INSERT_CHUNK)) {
        const got = tx.insert(emails).values(part).returning({ id: emails.id }).all();
        for (const g of got) ids.push(g.id);
      }
      for (let start = 0; start < ids.length; start += INSERT_CHUNK) {
        const part = ids.slice(start, start + INSERT_CHUNK);
        tx.insert(emailBodies)
          .values(part.map((id, i) => ({ emailId: id, raw: rows[start + i]!.raw })))
          .run();
      }
      return ids;
    },
    { behavior: 'immediate' },
  );
}

/** Enqueues one row; returns its id. */
export function insertEmail(store: Store, row: NewEmail): number {
  return insertEmails(store, [row])[0]!;
}

/** One row with its raw message and delivery history; undefined if the id does not exist. */
export function getEmail(store: Store, id: number): EmailDetail | undefined {
  const row = store.db
    .select({
      ...summaryColumns,
      bcc: emails.bcc,
      envelope: emails.envelope,
      lastAttemptAt: emails.lastAttemptAt,
      templateId: emails.templateId,
      deskId: emails.deskId,
      raw: emailBodies.raw,
    })
    .from(emails)
    .leftJoin(emailBodies, eq(emailBodies.emailId, emails.id))
    .where(eq(emails.id, id))
    .get();
  if (!row) return undefined;
  const history = store.db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.emailId, id))
    .orderBy(asc(deliveryAttempts.id))
    .all();
  const attemptsHistory: DeliveryAttempt[] = history.map((a) => ({
    id: a.id,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    outcome: a.outcome as DeliveryAttempt['outcome'],
    smtpCode: a.smtpCode,
    response: a.response,
    errorCode: a.errorCode,
    diagnosis: a.diagnosis,
    transcript: a.transcript,
  }));
  return {
    ...toSummary(row),
    bcc: row.bcc,
    envelope: parseEnvelope(row.envelope),
    lastAttemptAt: zeroToNull(row.lastAttemptAt),
    templateId: row.templateId,
    deskId: row.deskId,
    raw: row.raw ?? Buffer.alloc(0),
    attemptsHistory,
  };
}

/** Deletes the rows (and their delivery attempts); rows being sent are kept. Returns the number deleted. */
export function deleteEmails(store: Store, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return store.db.transaction(
    (tx) => {
      let n = 0;
      for (const part of chunks([...new Set(ids)])) {
        n += tx.delete(emails).where(and(inArray(emails.id, part), ne(emails.status, 'sending'))).run().changes;
      }
      return n;
    },
    { behavior: 'immediate' },
  );
}

