// Shared set-up for the delivery and core tests: a real Outbound on a temp
// SQLite file, pointed at a real loopback SMTP server.
import type { ExecutionContext } from 'ava';
import Database from 'better-sqlite3';
import { openOutbound } from '../../src/core/index.js';
import type { Outbound, OutboundOptions, SettingsPatch } from '../../src/types.js';
import { tmpDbPath } from '../helpers/tmp.js';

export const SENDER = 'ops@example.com';

export interface TestOutboundOptions extends Partial<OutboundOptions> {
  smtpPort?: number;
  settings?: SettingsPatch;
  /** Call start() (default true). */
  start?: boolean;
}

export function openTestOutbound(t: ExecutionContext, options: TestOutboundOptions = {}): Outbound {
  const { smtpPort, settings, start = true, ...rest } = options;
  const outbound = openOutbound({
    dbPath: rest.dbPath ?? tmpDbPath(t),
    actor: 'tester@127.0.0.1',
    pollMs: 50,
    retryBaseMs: 200,
    retryMaxMs: 1000,
    connectionTimeoutMs: 3000,
    socketTimeoutMs: 5000,
    ...rest,
  });
  t.teardown(() => outbound.close(2000));
  outbound.updateSettings({
    host: '127.0.0.1',
    port: smtpPort ?? 25,
    security: 'none',
    defaultSender: SENDER,
    ...settings,
  });
  if (start) outbound.start();
  return outbound;
}

/** Polls `check` until it returns a truthy value (or throws after timeoutMs). Not a timing assertion: only a bound. */
export async function waitUntil<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Row counts of every table (for "nothing was written"). */
export function tableCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    return out;
  } finally {
    db.close();
  }
}

/** Every text/blob cell of every table, for "the password is nowhere". */
export function allStoredText(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    const out: string[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
        for (const [column, v] of Object.entries(row)) {
          if (typeof v === 'string') out.push(`${name}.${column}: ${v}`);
          else if (Buffer.isBuffer(v)) out.push(`${name}.${column}: ${v.toString('latin1')}`);
        }
      }
    }
    return out;
  } finally {
    db.close();
  }
}

/** Runs one SQL statement on the file (test set-up only: ageing rows and the like). */
export function execSql(dbPath: string, sql: string, ...params: unknown[]): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

export function messageIdOf(raw: Buffer): string {
  const m = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('latin1'));
  return m ? m[1]! : '';
}
