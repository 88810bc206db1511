// Child process of heap.test.ts: opens the console in a fake terminal, quits
// it, then runs a fixed allocation workload shaped like the console's (a live
// set plus garbage that lives long enough to be promoted) and prints the
// largest V8 heap it saw. With `default`, V8's own heap growing is restored
// after the console quits, for comparison.
//   node --import tsx test/tui/helpers/heap-churn.ts DB [default]
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import { setFlagsFromString } from 'node:v8';
import { openOutbound } from '../../../src/core/index.js';
import { runConsole } from '../../../src/tui/run.js';

const [dbPath, mode] = process.argv.slice(2);
const outbound = openOutbound({ dbPath: dbPath!, actor: 'heap-test', deliver: false });
const stdin = new FakeStdin();
const stdout = new FakeStdout();
const done = runConsole(outbound, { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr: new FakeStdout() as unknown as NodeJS.WriteStream });
while (!stdout.written.includes('Auto-delivery')) await new Promise((r) => setTimeout(r, 20));
await new Promise((r) => setTimeout(r, 50));
stdin.type('q');
const code = await done;
if (mode === 'default') setFlagsFromString('--heap-growing-percent=0');

// The workload: counted, not timed.
const live: { id: number; text: string }[] = [];
for (let i = 0; i < 200_000; i++) live.push({ id: i, text: `row ${i} `.repeat(8) });
const ring: unknown[] = new Array(40_000);
let peak = 0;
for (let i = 0; i < 4_000_000; i++) {
  ring[i % ring.length] = { line: `frame ${i} `.repeat(6), cells: [i, i + 1, i + 2] };
  if (i % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
}
process.stdout.write(JSON.stringify({ code, peakHeapTotal: peak, live: live.length }) + '\n');
