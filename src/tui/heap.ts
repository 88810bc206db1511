// The console's memory budget (DESIGN.md: ≤ 200 MB resident on a
// 1,000,000-row Log). What the console keeps is small (~37 MB of live heap
// after a full GC); what costs is garbage: every key builds a new frame
// (React elements, row strings, Ink's styled output), much of it lives just
// long enough to be promoted, and V8's default heuristics let the old space
// grow to several times the live size before the next full GC — 220-240 MB
// resident in `npm run bench`. A 1.5× growing factor keeps the old space near
// the live size: 155-165 MB peak, with the same median CPU per key (20 % gave
// the same peak with more full GCs).
//
// Set at run time on purpose: unlike --max-semi-space-size (fixed when the
// heap is set up, so it would need a re-exec with the flag), V8 reads
// --heap-growing-percent at each GC, so v8.setFlagsFromString takes effect
// here. Only the console calls it: the CLI's other commands start as before.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/** Keeps V8's old space close to the live size in this process (called when the console starts). */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
