// The Log rows: enqueue, read one, delete. Also re-exports the rest of the email API
// (claim, log paging, purge, counts) so callers can import it all from here.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
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

// Enqueue is on the producers' hot path (budget: the store adds little to composing the
// message), so it uses statements prepared once per connection, BLOCK rows at a time:
// about twice the rate of building the same INSERT through Drizzle on every call.
const BLOCK = 100;
const COLUMNS = `created_at, status, from_address, from_source, "to", cc, bcc, envelope, subject, size, message_id, origin, template_id, desk_id, forwarded_from_id, next_attempt_at`;
const ROW = `(${Array(16).fill('?').join(', ')})`;

interface InsertStatements {
  one: Statement;
  block: Statement;
  bodyOne: Statement;
  bodyBlock: Statement;
}
const insertCache = new WeakMap<Store['sqlite'], InsertStatements>();

function insertStatements(store: Store): InsertStatements {
  let st = insertCache.get(store.sqlite);
  if (!st) {
    const rows = (n: number, row: string) => Array.from({ length: n }, () => row).join(', ');
    st = {
      one: store.sqlite.prepare(`INSERT INTO emails (${COLUMNS}) VALUES ${ROW} RETURNING id`).pluck(),
      block: store.sqlite.prepare(`INSERT INTO emails (${COLUMNS}) VALUES ${rows(BLOCK, ROW)} RETURNING id`).pluck(),
      bodyOne: store.sqlite.prepare('INSERT INTO email_bodies (email_id, raw) VALUES (?, ?)'),
      bodyBlock: store.sqlite.prepare(`INSERT INTO email_bodies (email_id, raw) VALUES ${rows(BLOCK, '(?, ?)')}`),
    };
    insertCache.set(store.sqlite, st);
  }
  return st;
}

function rowParams(r: NewEmail, out: unknown[]): void {
  out.push(
    r.createdAt,
    r.status,
    r.fromAddress,
    r.fromSource,
    r.to,
    r.cc,
    r.bcc,
    JSON.stringify({ from: r.envelope.from, to: r.envelope.to }),
    r.subject,
    r.raw.length,
    r.messageId,
    r.origin,
    r.templateId ?? null,
    r.deskId ?? null,
    r.forwardedFromId ?? null,
    r.nextAttemptAt ?? 0,
  );
}

/** Inserts the rows in one transaction (all or nothing); returns their ids in order. */
export function insertEmails(store: Store, rows: NewEmail[]): number[] {
  if (rows.length === 0) return [];
  const st = insertStatements(store);
  const run = store.sqlite.transaction(() => {
    const ids: number[] = [];
    let i = 0;
    for (; i + BLOCK <= rows.length; i += BLOCK) {
      const params: unknown[] = [];
      for (let k = i; k < i + BLOCK; k++) rowParams(rows[k]!, params);
      // New rowids are ascending in VALUES order; RETURNING's own order is unspecified.
      const got = (st.block.all(...params) as number[]).sort((a, b) => a - b);
      const bodies: unknown[] = [];
      got.forEach((id, k) => bodies.push(id, rows[i + k]!.raw));
      st.bodyBlock.run(...bodies);
      ids.push(...got);
    }
    for (; i < rows.length; i++) {
      const params: unknown[] = [];
      rowParams(rows[i]!, params);
      const id = st.one.get(...params) as number;
      st.bodyOne.run(id, rows[i]!.raw);
      ids.push(id);
    }
    return ids;
  });
  return run.immediate();
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

