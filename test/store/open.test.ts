import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openStore, dataVersion } from '../../src/store/open.js';
import { insertEmails } from '../../src/store/emails.js';
import { getSettingsRow } from '../../src/store/settings.js';
import { StoreError } from '../../src/errors.js';
import { tmpDir, tmpDbPath } from '../helpers/tmp.js';
import { email } from './_helpers.js';

const openModule = pathToFileURL(fileURLToPath(new URL('../../src/store/open.ts', import.meta.url))).href;
const tsxLoader = import.meta.resolve('tsx');

function storeError(t: import('ava').ExecutionContext, fn: () => unknown, code: StoreError['code']): StoreError {
  const err = t.throws(fn, { instanceOf: StoreError });
  t.is(err!.code, code);
  t.false(err!.message.includes('\n'), 'one line');
  t.false(/\bat .*\(.*:\d+:\d+\)/.test(err!.message), 'no stack in the message');
  return err!;
}

test('creates the parent directories and the file with mode 0600, seeds settings and counters', (t) => {
  const dir = tmpDir(t);
  const path = join(dir, 'a', 'b', 'outbound.db');
  const store = openStore(path);
  t.teardown(() => store.close());
  t.is(statSync(path).mode & 0o777, 0o600);
  t.is(store.sqlite.pragma('journal_mode', { simple: true }), 'wal');
  t.is(store.sqlite.pragma('foreign_keys', { simple: true }), 1);
  t.is(store.sqlite.pragma('busy_timeout', { simple: true }), 5000);
  t.is(store.sqlite.pragma('synchronous', { simple: true }), 1); // NORMAL
  const settings = getSettingsRow(store);
  t.is(settings.id, 1);
  t.is(settings.autoDelivery, false);
  t.is(settings.daysToKeep, 30);
  const counters = store.sqlite.prepare('SELECT status FROM status_counts ORDER BY status').pluck().all();
  t.deepEqual(counters, ['deferred', 'failed', 'queued', 'sending', 'sent']);
});

test('the busy timeout is an option', (t) => {
  const store = openStore(tmpDbPath(t), { busyTimeoutMs: 250 });
  t.teardown(() => store.close());
  t.is(store.sqlite.pragma('busy_timeout', { simple: true }), 250);
});

test('reopening keeps the data and applies no migration twice', (t) => {
  const path = tmpDbPath(t);
  const a = openStore(path);
  insertEmails(a, [email(1)]);
  a.close();
  const b = openStore(path);
  t.teardown(() => b.close());
  t.is(b.sqlite.prepare('SELECT count(*) FROM emails').pluck().get(), 1);
  const hashes = b.sqlite.prepare('SELECT hash FROM __drizzle_migrations').pluck().all() as string[];
  t.is(new Set(hashes).size, hashes.length);
  t.true(hashes.length >= 2);
});

test('migrations are found from another working directory (a child process in /)', (t) => {
  const path = tmpDbPath(t);
  const script = `const { openStore } = await import(${JSON.stringify(openModule)});
const s = openStore(${JSON.stringify(path)});
console.log(s.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'emails'").pluck().get());
s.close();`;
  const out = execFileSync(process.execPath, ['--import', tsxLoader, '--input-type=module', '-e', script], { cwd: '/', encoding: 'utf8' });
  t.is(out.trim(), '1');
});

test('several processes creating the same new database at once all succeed (migrations run once)', async (t) => {
  const path = tmpDbPath(t);
  const opener = fileURLToPath(new URL('./_opener.ts', import.meta.url));
  const runs = [1, 2, 3, 4].map(
    (i) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', tsxLoader, opener, path, String(i)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`opener ${i} failed: ${err}`))));
      }),
  );
  const outs = await Promise.all(runs);
  const store = openStore(path);
  t.teardown(() => store.close());
  const applied = store.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
  t.deepEqual(outs, outs.map(() => String(applied)));
  t.is(store.sqlite.prepare('SELECT count(*) FROM emails').pluck().get(), 4);
  t.is(store.sqlite.prepare("SELECT count FROM status_counts WHERE status = 'queued'").pluck().get(), 4);
});

const distOpen = fileURLToPath(new URL('../../dist/store/open.js', import.meta.url));
// `npm test` builds dist/ first; a bare `npx ava` may not have it.
(existsSync(distOpen) ? test : test.skip)('the built dist/store finds the shipped drizzle/ folder from another cwd', (t) => {
  const path = tmpDbPath(t);
  const script = `const { openStore } = await import(${JSON.stringify(pathToFileURL(distOpen).href)});
const s = openStore(${JSON.stringify(path)});
console.log(s.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get());
s.close();`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: '/', encoding: 'utf8' });
  t.true(Number(out.trim()) >= 3);
});

test('a file that is not a database gives one line naming the file', (t) => {
  const path = join(tmpDir(t), 'notes.txt');
  writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
  const err = storeError(t, () => openStore(path), 'NOT_A_DATABASE');
  t.is(err.message, `${path} is not an outbound database (file is not a database): check --db / OUTBOUND_DB`);
});

test("another program's SQLite database is refused, not migrated into", (t) => {
  const path = tmpDbPath(t);
  const other = new Database(path);
  other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
  other.close();
  const err = storeError(t, () => openStore(path), 'NOT_A_DATABASE');
  t.regex(err.message, /is not an outbound database/);
  const check = new Database(path);
  t.teardown(() => check.close());
  t.is(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'emails'").pluck().get(), 0);
});

test('a database written by a newer outbound asks for an upgrade', (t) => {
  const path = tmpDbPath(t);
  openStore(path).close();
  const raw = new Database(path);
  raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 4_102_444_800_000);
  raw.close();
  const err = storeError(t, () => openStore(path), 'NEWER_VERSION');
  t.regex(err.message, /was written by a newer outbound.*: upgrade outbound$/);
  t.true(err.message.includes(path));
});

test('a database locked past the busy timeout gives LOCKED with the fuser hint', (t) => {
  const path = tmpDbPath(t);
  openStore(path).close();
  const holder = new Database(path);
  t.teardown(() => holder.close());
  holder.exec('BEGIN EXCLUSIVE');
  holder.exec('UPDATE settings SET host = host');
  const err = storeError(t, () => openStore(path, { busyTimeoutMs: 100 }), 'LOCKED');
  t.regex(err.message, /^database .* is locked by another process \(.*\): try again or find the process with fuser/);
  holder.exec('ROLLBACK');
  const ok = openStore(path, { busyTimeoutMs: 100 });
  ok.close();
  t.pass();
});

test('a database locked by another process (child holding BEGIN EXCLUSIVE) gives LOCKED', async (t) => {
  const path = tmpDbPath(t);
  openStore(path).close();
  const dbUrl = import.meta.resolve('better-sqlite3');
  const script = `const { default: Database } = await import(${JSON.stringify(dbUrl)});
const db = new Database(${JSON.stringify(path)});
db.exec('BEGIN EXCLUSIVE'); db.exec('UPDATE settings SET port = port');
console.log('locked');
setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 60000);
process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.teardown(() => child.kill());
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('locked') ? resolve() : undefined));
    child.on('exit', () => reject(new Error('child exited early')));
  });
  storeError(t, () => openStore(path, { busyTimeoutMs: 100 }), 'LOCKED');
  child.stdin.write('go\n');
});

test('a directory where the file should be gives a one-line error', (t) => {
  const path = join(tmpDir(t), 'dir.db');
  mkdirSync(path);
  const err = t.throws(() => openStore(path), { instanceOf: StoreError });
  t.false(err!.message.includes('\n'));
  t.true(err!.message.includes(path));
});

test('no permission to create or open the file gives PERMISSION', (t) => {
  let path: string;
  if (process.getuid?.() === 0) {
    // root reads any file; sysfs refuses to create files even for root
    if (!existsSync('/sys/kernel')) return t.pass('no sysfs here to provoke EACCES as root');
    path = '/sys/outbound-test.db';
  } else {
    path = tmpDbPath(t);
    openStore(path).close();
    chmodSync(path, 0o000);
  }
  const err = storeError(t, () => openStore(path), 'PERMISSION');
  t.regex(err.message, /permission denied/);
  t.true(err.message.includes(path));
});

test('dataVersion changes when another connection writes', (t) => {
  const path = tmpDbPath(t);
  const a = openStore(path);
  const b = openStore(path);
  t.teardown(() => {
    a.close();
    b.close();
  });
  const before = dataVersion(a);
  t.is(dataVersion(a), before);
  insertEmails(b, [email(1)]);
  t.not(dataVersion(a), before);
});
