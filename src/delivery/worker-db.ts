// The main thread's side of the worker database port. Requests are answered
// in order by one worker; Buffers come back as Uint8Arrays (structured clone)
// and are turned back into Buffers without copying.
import { Worker } from 'node:worker_threads';
import type { ClaimedEmail, ClaimIdsResult } from '../store/emails.js';
import type { DbPort, OperationName } from './db-port.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** Running from TypeScript sources (tests, tsx): the worker must register tsx itself. */
function spawn(dbPath: string): Worker {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    const entry = new URL('./db-worker.ts', self).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const code = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)});`;
    return new Worker(new URL('data:text/javascript,' + encodeURIComponent(code)), { workerData: { dbPath } });
  }
  return new Worker(new URL('./db-worker.js', self), { workerData: { dbPath } });
}

function toBuffer(raw: Uint8Array | Buffer): Buffer {
  return Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

function fixClaimed(rows: ClaimedEmail[]): ClaimedEmail[] {
  for (const r of rows) r.raw = toBuffer(r.raw);
  return rows;
}

export async function startWorkerDb(dbPath: string): Promise<DbPort> {
  const worker = spawn(dbPath);
  worker.unref(); // the engine's timers decide how long the process lives, not this thread
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  const ready = new Promise<void>((resolve, reject) => pending.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: { name: string; message: string; code?: string } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name, code: m.error!.code }));
  });
  const fail = (err: Error) => {
    dead = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`database worker exited (${code})`)));
  await ready;

  const call = <T>(op: OperationName | 'close', ...args: unknown[]): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, args });
    });
  };

  return {
    claimDue: async (args) => fixClaimed(await call<ClaimedEmail[]>('claimDue', args)),
    claimIds: async (ids, args) => {
      const r = await call<ClaimIdsResult>('claimIds', ids, args);
      fixClaimed(r.claimed);
      return r;
    },
    record: (outcomes) => call<number>('record', outcomes),
    renew: (ids, args) => call<number>('renew', ids, args),
    recover: (now) => call<number>('recover', now),
    release: (owner) => call<number>('release', owner),
    close: async () => {
      if (dead) return;
      await call('close').catch(() => {});
      await worker.terminate().catch(() => {});
    },
  };
}
