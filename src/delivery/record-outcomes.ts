// The hot path of the engine: recording thousands of outcomes a second.
//
// Same semantics as the store's recordOutcomes (src/store/claim.ts) — one
// IMMEDIATE transaction per batch, a row is only updated while this owner
// still holds its lease, every attempt goes to delivery_attempts while the row
// exists — but with statements prepared once per connection. Building each
// UPDATE through the query builder cost ~450 µs per outcome, which capped the
// engine at a third of the pool's rate (DESIGN.md budget: ≥ 0.9×).
// Kept here, not in src/store, only because the store was being written
// concurrently; it belongs in the store and should move there.
import type Database from 'better-sqlite3';
import type { Store } from '../store/open.js';
import type { Outcome } from '../store/emails.js';

interface Prepared {
  updateSent: Database.Statement;
  update: Database.Statement;
  exists: Database.Statement;
  insertAttempt: Database.Statement;
  batch: (outcomes: readonly Outcome[]) => number;
}

const cache = new WeakMap<Database.Database, Prepared>();

function prepare(sqlite: Database.Database): Prepared {
  // The common case, a first-time success: leave last_error and next_attempt_at alone
  // (already '' and 0), so their indexes are not rewritten for every message.
  const updateSent = sqlite.prepare(
    `UPDATE emails SET status = 'sent', attempts = attempts + 1, last_attempt_at = @finishedAt, sent_at = @finishedAt,
       smtp_response = @response, lease_until = 0, lease_owner = ''
     WHERE id = @id AND status = 'sending' AND lease_owner = @owner AND last_error = '' AND next_attempt_at = 0`,
  );
  const update = sqlite.prepare(
    `UPDATE emails SET status = @status, attempts = attempts + 1, last_attempt_at = @finishedAt,
       sent_at = CASE WHEN @status = 'sent' THEN @finishedAt ELSE sent_at END,
       last_error = @lastError, smtp_response = @response, next_attempt_at = @nextAttemptAt,
       lease_until = 0, lease_owner = ''
     WHERE id = @id AND status = 'sending' AND lease_owner = @owner`,
  );
  const exists = sqlite.prepare('SELECT 1 FROM emails WHERE id = ?').pluck();
  const insertAttempt = sqlite.prepare(
    `INSERT INTO delivery_attempts (email_id, started_at, finished_at, outcome, smtp_code, response, error_code, diagnosis, transcript)
     VALUES (@id, @startedAt, @finishedAt, @outcome, @smtpCode, @response, @errorCode, @diagnosis, @transcript)`,
  );
  const batch = sqlite
    .transaction((outcomes: readonly Outcome[]) => {
      let updated = 0;
      for (const o of outcomes) {
        const sent = o.outcome === 'sent';
        let changes = sent ? updateSent.run({ id: o.id, owner: o.owner, finishedAt: o.finishedAt, response: o.response }).changes : 0;
        if (changes === 0) changes = update.run({
          id: o.id,
          owner: o.owner,
          status: o.outcome,
          finishedAt: o.finishedAt,
          lastError: sent ? '' : o.diagnosis || o.response || o.errorCode || o.outcome,
          response: o.response,
          nextAttemptAt: o.outcome === 'deferred' ? (o.nextAttemptAt ?? o.finishedAt) : 0,
        }).changes;
        updated += changes;
        if (changes > 0 || exists.get(o.id) !== undefined) {
          insertAttempt.run({
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
    })
    .immediate as (outcomes: readonly Outcome[]) => number;
  return { updateSent, update, exists, insertAttempt, batch };
}

/** Records a batch of outcomes in one transaction; returns how many rows changed status. */
export function recordOutcomesFast(store: Store, outcomes: readonly Outcome[]): number {
  if (outcomes.length === 0) return 0;
  let p = cache.get(store.sqlite);
  if (!p) {
    p = prepare(store.sqlite);
    cache.set(store.sqlite, p);
  }
  return p.batch(outcomes);
}
