// The console keeps V8's heap close to what it holds (the memory budget of
// DESIGN.md; see src/tui/heap.ts). Two fresh processes open and quit the
// console, then run the same counted allocation workload; in one, V8's own
// heap growing is put back. The console's setting must keep the heap much
// smaller. Memory, not time: the workload is a fixed number of allocations.
import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tmpDbPath } from '../helpers/tmp.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./helpers/heap-churn.ts', import.meta.url));

async function peakHeap(dbPath: string, mode: 'console' | 'default'): Promise<number> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, dbPath, mode], { env: { ...process.env, NODE_ENV: 'production' } });
  const line = stdout.split('\n').find((l) => l.startsWith('{"code"'));
  if (!line) throw new Error(`no result from the child:\n${stdout}`);
  const r = JSON.parse(line) as { code: number; peakHeapTotal: number };
  if (r.code !== 0) throw new Error(`the console exited with ${r.code}`);
  return r.peakHeapTotal;
}

test('after the console starts, garbage does not let the heap grow to several times what is live', async (t) => {
  const withConsole = await peakHeap(tmpDbPath(t), 'console');
  const v8Default = await peakHeap(tmpDbPath(t), 'default');
  const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
  t.log(`peak heap: ${mb(withConsole)} with the console's setting, ${mb(v8Default)} with V8's default`);
  t.true(withConsole < 0.7 * v8Default, `${mb(withConsole)} is not well below ${mb(v8Default)}`);
});
