// Per-database console state (Log columns, widths, sort, filter) as JSON values.
import { eq } from 'drizzle-orm';
import { uiState } from './schema.js';
import type { Store } from './open.js';

/** The stored value, or undefined when absent or unreadable (state is a convenience, never fatal). */
export function getUiState<T = unknown>(store: Store, key: string): T | undefined {
  const row = store.db.select().from(uiState).where(eq(uiState.key, key)).get();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON; undefined removes the key. */
export function setUiState(store: Store, key: string, value: unknown): void {
  if (value === undefined) {
    store.db.delete(uiState).where(eq(uiState.key, key)).run();
    return;
  }
  const json = JSON.stringify(value);
  store.db.insert(uiState).values({ key, value: json }).onConflictDoUpdate({ target: uiState.key, set: { value: json } }).run();
}
