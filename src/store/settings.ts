// The one settings row (id = 1). No validation here: core validates (via mail) first.
import { eq } from 'drizzle-orm';
import { settings } from './schema.js';
import type { Store } from './open.js';

export type SettingsRow = typeof settings.$inferSelect;
export type SettingsRowPatch = Partial<Omit<SettingsRow, 'id'>>;

/** The settings row, password included: only core and delivery may read it. */
export function getSettingsRow(store: Store): SettingsRow {
  const row = store.db.select().from(settings).where(eq(settings.id, 1)).get();
  if (!row) throw new Error('settings row missing: the database was not opened with openStore');
  return row;
}

/**
 * Applies the patch and stamps updated_at / updated_by; when autoDelivery changes value,
 * also auto_delivery_changed_at / _by. One IMMEDIATE transaction, so the comparison with
 * the current toggle cannot race another process.
 */
export function updateSettingsRow(store: Store, patch: SettingsRowPatch, actor: string, now: number = Date.now()): SettingsRow {
  const { id: _ignored, ...rest } = patch as SettingsRowPatch & { id?: number };
  return store.db.transaction(
    (tx) => {
      const current = tx.select().from(settings).where(eq(settings.id, 1)).get();
      const set: SettingsRowPatch = { ...rest, updatedAt: now, updatedBy: actor };
      if (rest.autoDelivery !== undefined && current && rest.autoDelivery !== current.autoDelivery) {
        set.autoDeliveryChangedAt = now;
        set.autoDeliveryChangedBy = actor;
      }
      return tx.update(settings).set(set).where(eq(settings.id, 1)).returning().get()!;
    },
    { behavior: 'immediate' },
  );
}
