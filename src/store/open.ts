// Opening the database: file creation with safe permissions, pragmas, migrations, seed rows.
import { closeSync, chmodSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';
import { applyMigrations } from './migrate.js';
import { translateStoreError } from './sqlite-errors.js';
import { EMAIL_STATUSES } from '../types.js';

export interface Store {
  db: BetterSQLite3Database<typeof schema>;
  sqlite: Database.Database;
  path: string;
  close(): void;
}

export interface OpenStoreOptions {
  /** How long a statement waits for another process's write lock. Default 5000. */
  busyTimeoutMs?: number;
}

/** Creates the file (mode 0600: it holds the SMTP password) unless it exists. */
function createFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (existsSync(path)) return;
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600); // the umask may have removed bits, never added: make it exact
}

function seed(sqlite: Database.Database): void {
  sqlite
    .transaction(() => {
      sqlite.prepare('INSERT OR IGNORE INTO settings (id) VALUES (1)').run();
      const row = sqlite.prepare('INSERT OR IGNORE INTO status_counts (status, count) VALUES (?, 0)');
      for (const s of EMAIL_STATUSES) row.run(s);
    })
    .immediate();
}

export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const fullPath = resolve(path);
  let sqlite: Database.Database | undefined;
  try {
    createFile(fullPath);
    sqlite = new Database(fullPath, { timeout: opts.busyTimeoutMs ?? 5000 });
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // 16 MB of page cache per connection (default 2 MB): index-heavy writes (record,
    // purge) on a million-row Log touch many pages; bounded, so memory stays flat.
    sqlite.pragma('cache_size = -16384');
    // Truncate the -wal file after checkpoints instead of leaving it at its peak size.
    sqlite.pragma('journal_size_limit = 67108864');
    // Statement journals (every statement that fires the status_counts triggers needs one)
    // and temp b-trees in memory: in a temp FILE each cost ~150 µs per updated row. Set here,
    // once, so every connection (core, delivery worker thread, tools) gets it.
    sqlite.pragma('temp_store = MEMORY');
    applyMigrations(sqlite, fullPath);
    seed(sqlite);
  } catch (err) {
    try {
      sqlite?.close();
    } catch {
      /* the original error is the one worth reporting */
    }
    throw translateStoreError(fullPath, err);
  }
  const db = drizzle(sqlite, { schema });
  const handle = sqlite;
  return {
    db,
    sqlite: handle,
    path: fullPath,
    close() {
      if (handle.open) handle.close();
    },
  };
}

/** PRAGMA data_version: changes whenever another connection commits a write. */
export function dataVersion(store: Store): number {
  return store.sqlite.pragma('data_version', { simple: true }) as number;
}
