// The worker thread's side of the database port: its own connection to the
// same file, the store's own functions, one request at a time (in order).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.js';
import { operations, type OperationName } from './db-port.js';

interface Request {
  id: number;
  op: OperationName | 'close';
  args: unknown[];
}

const store = openStore((workerData as { dbPath: string }).dbPath);
const ops = operations(store) as unknown as Record<OperationName, (...args: unknown[]) => unknown>;

parentPort!.on('message', (req: Request) => {
  if (req.op === 'close') {
    store.close();
    parentPort!.postMessage({ id: req.id, ok: true, value: null });
    parentPort!.close();
    return;
  }
  try {
    const value = ops[req.op](...req.args);
    parentPort!.postMessage({ id: req.id, ok: true, value });
  } catch (err) {
    const e = err as Error & { code?: string };
    parentPort!.postMessage({ id: req.id, ok: false, error: { name: e.name, message: e.message, code: e.code } });
  }
});
parentPort!.postMessage({ id: 0, ok: true, value: 'ready' });
