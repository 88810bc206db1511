// Applies the package's own drizzle/ migrations. Same bookkeeping table and hashes as
// drizzle-orm's migrate(), but inside one BEGIN IMMEDIATE transaction: drizzle's version
// reads the applied list before taking the write lock, so two processes opening a new
// database at once (a console and an `outbound enqueue`) could both apply 0000 and one
// would fail with "table already exists".
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { StoreError } from '../errors.js';

/** The drizzle/ folder shipped with this package (same depth from src/store and dist/store). */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
const TABLE = '__drizzle_migrations';

let cached: MigrationMeta[] | undefined;
export function knownMigrations(): MigrationMeta[] {
  cached ??= readMigrationFiles({ migrationsFolder });
  return cached;
}

interface AppliedRow { hash: string; created_at: number | string | null }

function tableExists(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/**
 * Refuses databases this version cannot safely use: one written by a newer outbound
 * (migrations we do not know), or an SQLite file of another program.
 */
function checkCompatible(sqlite: Database.Database, path: string, known: MigrationMeta[]): AppliedRow[] {
  if (!tableExists(sqlite, TABLE)) {
    const userTables = sqlite
      .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .get() as { n: number };
    if (userTables.n > 0) {
      throw new StoreError(
        `${path} is not an outbound database (an SQLite file of another program): check --db / OUTBOUND_DB`,
        'NOT_A_DATABASE',
      );
    }
    return [];
  }
  const applied = sqlite.prepare(`SELECT hash, created_at FROM ${TABLE}`).all() as AppliedRow[];
  const knownHashes = new Set(known.map((m) => m.hash));
  const lastKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const unknown = applied.filter((a) => !knownHashes.has(a.hash) || Number(a.created_at) > lastKnown);
  if (unknown.length > 0 || applied.length > known.length) {
    throw new StoreError(
      `database ${path} was written by a newer outbound (${applied.length} schema migrations, this version knows ${known.length}): upgrade outbound`,
      'NEWER_VERSION',
    );
  }
  return applied;
}

/** Brings the schema up to date; a no-op (one read) when it already is. */
export function applyMigrations(sqlite: Database.Database, path: string): void {
  const known = knownMigrations();
  const pending = (applied: AppliedRow[]) => {
    const done = new Set(applied.map((a) => a.hash));
    return known.filter((m) => !done.has(m.hash));
  };
  // Cheap check first, without the write lock: the common case is "up to date".
  if (pending(checkCompatible(sqlite, path, known)).length === 0) return;
  sqlite
    .transaction(() => {
      // Re-check under the lock: another process may have migrated meanwhile.
      const todo = pending(checkCompatible(sqlite, path, known));
      if (todo.length === 0) return;
      sqlite.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
      const record = sqlite.prepare(`INSERT INTO ${TABLE} ("hash", "created_at") VALUES (?, ?)`);
      for (const m of todo) {
        for (const stmt of m.sql) if (stmt.trim() !== '') sqlite.prepare(stmt).run();
        record.run(m.hash, m.folderMillis);
      }
    })
    .immediate();
}
