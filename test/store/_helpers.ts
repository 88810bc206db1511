// Shared helpers for the store tests: a fresh database file per test and sample rows.
import type { ExecutionContext } from 'ava';
import { openStore, type Store, type OpenStoreOptions } from '../../src/store/open.js';
import type { NewEmail } from '../../src/store/emails.js';
import { tmpDbPath } from '../helpers/tmp.js';

export function newStore(t: ExecutionContext, opts?: OpenStoreOptions): Store {
  const store = openStore(tmpDbPath(t), opts);
  t.teardown(() => store.close());
  return store;
}

export function email(i: number, over: Partial<NewEmail> = {}): NewEmail {
  const to = over.to ?? `user${i}@example.com`;
  return {
    createdAt: 1_000_000 + i,
    status: 'queued',
    fromAddress: 'ops@example.com',
    fromSource: 'default',
    to,
    cc: '',
    bcc: '',
    envelope: { from: 'ops@example.com', to: [to] },
    subject: `message ${i}`,
    raw: Buffer.from(`Subject: message ${i}\r\n\r\nbody ${i}\r\n`),
    messageId: `<${i}@example.com>`,
    origin: 'cli',
    ...over,
  };
}

/** Runs a statement and returns SQLite's EXPLAIN QUERY PLAN lines for every query it prepared. */
export function capturePlans(store: Store, run: () => void): string[][] {
  const sqlite = store.sqlite;
  const original = sqlite.prepare;
  const seen: { source: string; params: unknown[] }[] = [];
  sqlite.prepare = function (this: typeof sqlite, source: string) {
    const stmt = original.call(sqlite, source);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const fn = (stmt as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ source, params });
        return fn(...params);
      };
    }
    return stmt;
  } as typeof sqlite.prepare;
  try {
    run();
  } finally {
    sqlite.prepare = original;
  }
  return seen.map(({ source, params }) =>
    (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(params as unknown[])) as { detail: string }[]).map((r) => r.detail),
  );
}
