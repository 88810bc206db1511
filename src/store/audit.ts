// The audit trail: who did what (Send Now, Forward, Delete, settings, auto-delivery, purge).
import { desc } from 'drizzle-orm';
import { audit } from './schema.js';
import type { Store } from './open.js';
import type { AuditEntry } from '../types.js';

export function appendAudit(store: Store, entry: { at: number; actor: string; action: string; detail?: string }): number {
  return store.db
    .insert(audit)
    .values({ at: entry.at, actor: entry.actor, action: entry.action, detail: entry.detail ?? '' })
    .returning({ id: audit.id })
    .get().id;
}

/** Newest first. */
export function listAudit(store: Store, limit = 100): AuditEntry[] {
  return store.db
    .select()
    .from(audit)
    .orderBy(desc(audit.at), desc(audit.id))
    .limit(Math.max(0, Math.floor(limit)))
    .all();
}
