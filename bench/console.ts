// Console budgets of DESIGN.md, on a 1,000,000-row Log:
// - first frame ≤ 600 ms (from openOutbound to the first frame with rows),
// - a move or page key ≤ 30 ms to the next frame (median),
// - a sort or filter change ≤ 150 ms to the next frame (p95),
// - resident memory ≤ 200 MB, flat as the Log grows (measured at 100k and 1M).
// The Log tab is rendered by Ink itself (not ink-testing-library) into a fake
// 120×40 terminal; a key is written to a fake stdin and the time to the next
// write on stdout is measured, so the figure includes the query, React and
// Ink's layout and output.
//
// `npm run bench` runs it through bench/run.ts; `npx tsx bench/console.ts`
// runs it alone (after `npm run build`). The rows are built in a child
// process (benchFill in src/store/bench-fill.ts: plain SQL, indexes rebuilt
// after the load); each session runs in another child, plain `node` on the
// compiled dist/ (bench/console-measure.mjs), so neither the bulk load's page
// cache nor the tsx loader counts in the console's memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, BenchRow } from './run.js';

const WIDTH = 120;
const HEIGHT = 40;
const SMALL = Number(process.env.BENCH_LOG_SMALL ?? 100_000);
const LARGE = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);

// ---- statistics --------------------------------------------------------------------

function quantile(all: number[], q: number): number {
  const xs = all.filter((x) => !Number.isNaN(x));
  if (xs.length === 0) return NaN;
  const s = xs.sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const ratioNote = (value: number, budget: number) => `${(value / budget).toFixed(2)}× budget`;

// ---- building the Log ----------------------------------------------------------------

const SELF = fileURLToPath(import.meta.url);

/** Grows the database to `rows` in a child process; returns the seconds it took. */
function fill(dbPath: string, rows: number): number {
  const started = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', SELF, '--fill', dbPath, String(rows)], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

async function fillMain(dbPath: string, rows: number): Promise<void> {
  const { openOutbound } = await import('../src/core/index.js');
  const { openStore } = await import('../src/store/open.js');
  const { benchFill } = await import('../src/store/bench-fill.js');
  // A few real emails through the core first (bodies and all), then bulk rows.
  const outbound = openOutbound({ dbPath, deliver: false });
  if (outbound.countEmails() === 0) {
    outbound.updateSettings({ defaultSender: 'bench@example.com' });
    await outbound.enqueueMany(
      Array.from({ length: 500 }, (_, i) => ({ to: `real${i}@example.net`, subject: `Real message ${i}`, text: 'A message composed by the core.' })),
    );
  }
  await outbound.close();
  const store = openStore(dbPath);
  try {
    benchFill(store, rows);
  } finally {
    store.close();
  }
}

// ---- one measured session -----------------------------------------------------------------

interface Session {
  rows: number;
  openToFirstFrame: number;
  renderToFirstFrame: number;
  moves: number[];
  pages: number[];
  sorts: { label: string; ms: number }[];
  filters: { label: string; ms: number }[];
  counts: { label: string; ms: number }[];
  /** CPU time from each key to its frame (independent of what else the machine runs). */
  cpu: { kind: 'move' | 'page' | 'sort' | 'filter' | 'other'; ms: number }[];
  /** Resident memory after a full GC at the end of the session, and sampled during it. */
  rss: number;
  rssMedian: number;
  rssMax: number;
  heap: number;
  /** Keys that changed nothing on screen (PgDn on an empty result): not timed. */
  unchanged: number;
}

const HARNESS = fileURLToPath(new URL('./console-measure.mjs', import.meta.url));
const DIST_ENTRY = fileURLToPath(new URL('../dist/tui/log/log-tab.js', import.meta.url));

/** One session in a plain `node` child on the compiled dist/ (see console-measure.mjs). */
function measure(dbPath: string, rows: number): Session {
  const out = `${dbPath}.${rows}.json`;
  execFileSync(process.execPath, ['--expose-gc', HARNESS, dbPath, String(rows), out], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return JSON.parse(readFileSync(out, 'utf8')) as Session;
}

// ---- the benchmark ---------------------------------------------------------------------------

interface Run {
  small: Session;
  large: Session;
  fillSmall: number;
  fillLarge: number;
  /** 1-minute load average before and after: the wall-clock figures mean little on a busy machine. */
  load: [number, number];
}

/** Why the benchmark cannot run here, if it cannot. */
function notReady(): string | undefined {
  if (process.env.CI) return 'CI is set: Ink then writes only the last frame; run without CI=1';
  if (!existsSync(DIST_ENTRY)) return 'dist/ is not built: run `npm run build` (npm run bench does)';
  return undefined;
}

function runSessions(): Run {
  const dir = mkdtempSync(join(tmpdir(), 'outbound-bench-console-'));
  const dbPath = join(dir, 'bench.db');
  const before = loadavg()[0]!;
  try {
    const fillSmall = fill(dbPath, SMALL);
    const small = measure(dbPath, SMALL);
    const fillLarge = fill(dbPath, LARGE);
    const large = measure(dbPath, LARGE);
    return { small, large, fillSmall, fillLarge, load: [before, loadavg()[0]!] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function consoleBench(): Promise<BenchResult> {
  const title = `console (${LARGE.toLocaleString('en-US')}-row Log, ${WIDTH}×${HEIGHT})`;
  const skipped = notReady();
  if (skipped) return { title, rows: [], skipped };
  return { title, rows: report(runSessions()) };
}

function report({ small, large, fillSmall, fillLarge, load }: Run): BenchRow[] {
  const n = (x: number) => x.toLocaleString('en-US');
  const rows: BenchRow[] = [];
  rows.push({ name: 'machine load (1-min average)', value: `${load[0].toFixed(1)} → ${load[1].toFixed(1)}`, note: `${cpus().length} CPUs; wall-clock figures stretch with load, the CPU figures much less` });
  rows.push({ name: `build the Log`, value: `${n(small.rows)} rows ${fillSmall.toFixed(1)} s, ${n(large.rows)} rows +${fillLarge.toFixed(1)} s`, note: 'benchFill (SQL, indexes rebuilt)' });
  rows.push({
    name: 'first frame (open → frame)',
    value: ms(large.openToFirstFrame),
    budget: '≤ 600 ms',
    ok: large.openToFirstFrame <= 600,
    note: `${ratioNote(large.openToFirstFrame, 600)}; render → frame ${ms(large.renderToFirstFrame)}; at ${n(small.rows)}: ${ms(small.openToFirstFrame)}`,
  });
  const cpuOf = (kind: string, q: number) => ms(quantile(large.cpu.filter((c) => c.kind === kind).map((c) => c.ms), q));
  const moveMed = quantile(large.moves, 0.5);
  rows.push({ name: 'move key → frame (median)', value: ms(moveMed), budget: '≤ 30 ms', ok: moveMed <= 30, note: `${ratioNote(moveMed, 30)}; CPU ${cpuOf('move', 0.5)}; p95 ${ms(quantile(large.moves, 0.95))}, max ${ms(quantile(large.moves, 1))}, ${large.moves.filter((x) => !Number.isNaN(x)).length} keys` });
  const pageMed = quantile(large.pages, 0.5);
  rows.push({ name: 'page key → frame (median)', value: ms(pageMed), budget: '≤ 30 ms', ok: pageMed <= 30, note: `${ratioNote(pageMed, 30)}; CPU ${cpuOf('page', 0.5)}; p95 ${ms(quantile(large.pages, 0.95))}, max ${ms(quantile(large.pages, 1))}, ${large.pages.filter((x) => !Number.isNaN(x)).length} keys (PgDn PgUp g G)` });
  const sortP95 = quantile(large.sorts.map((s) => s.ms), 0.95);
  const slowSort = large.sorts.reduce((a, b) => (b.ms > a.ms ? b : a));
  rows.push({ name: 'sort change → frame (p95)', value: ms(sortP95), budget: '≤ 150 ms', ok: sortP95 <= 150, note: `${ratioNote(sortP95, 150)}; CPU p95 ${cpuOf('sort', 0.95)}; median ${ms(quantile(large.sorts.map((s) => s.ms), 0.5))}; slowest ${slowSort.label} ${ms(slowSort.ms)}` });
  const filterP95 = quantile(large.filters.map((s) => s.ms), 0.95);
  const slowFilters = [...large.filters].sort((a, b) => b.ms - a.ms).slice(0, 3);
  rows.push({ name: 'filter change → frame (p95)', value: ms(filterP95), budget: '≤ 150 ms', ok: filterP95 <= 150, note: `${ratioNote(filterP95, 150)}; CPU p95 ${cpuOf('filter', 0.95)}; median ${ms(quantile(large.filters.map((s) => s.ms), 0.5))}; slowest ${slowFilters.map((f) => `${f.label} ${ms(f.ms)}`).join(', ')}` });
  rows.push({
    name: `resident memory at ${n(large.rows)}`,
    value: mb(large.rssMax),
    budget: '≤ 200 MB',
    ok: large.rssMax <= 200 * 1048576,
    note: `${ratioNote(large.rssMax / 1048576, 200)} (peak during the session); median ${mb(large.rssMedian)}; after GC ${mb(large.rss)}, heap ${mb(large.heap)}`,
  });
  const growth = large.rssMax / small.rssMax;
  rows.push({ name: `memory growth ${n(small.rows)} → ${n(large.rows)}`, value: `${mb(small.rssMax)} → ${mb(large.rssMax)}`, budget: 'flat (≤ 1.25×)', ok: growth <= 1.25, note: `${growth.toFixed(2)}× peak; after GC ${mb(small.rss)} → ${mb(large.rss)}` });
  const slowCounts = [...large.counts].sort((a, b) => b.ms - a.ms).slice(0, 3);
  rows.push({ name: 'lazy count after a filter (slowest)', value: ms(slowCounts[0]!.ms), note: `runs after the page is on screen; ${slowCounts.map((c) => `${c.label} ${ms(c.ms)}`).join(', ')}` });
  return rows;
}

function printDetail(small: Session, large: Session): void {
  for (const s of [small, large]) {
    process.stdout.write(`\n${s.rows.toLocaleString('en-US')} rows\n`);
    for (const f of s.filters) process.stdout.write(`  filter ${f.label.padEnd(30)} ${ms(f.ms)}\n`);
    for (const f of s.sorts) process.stdout.write(`  sort   ${f.label.padEnd(30)} ${ms(f.ms)}\n`);
    for (const f of s.counts) process.stdout.write(`  count  ${f.label.padEnd(30)} ${ms(f.ms)}\n`);
  }
}

// ---- run alone ------------------------------------------------------------------------------

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv[2] === '--fill') {
    await fillMain(process.argv[3]!, Number(process.argv[4]));
    process.exit(0);
  }
  const skipped = notReady();
  if (skipped) {
    process.stderr.write(`${skipped}\n`);
    process.exit(1);
  }
  const run = runSessions();
  printDetail(run.small, run.large);
  process.stdout.write('\n');
  for (const r of report(run)) {
    process.stdout.write(`${r.name.padEnd(40)} ${r.value.padEnd(16)} ${(r.budget ?? '').padEnd(16)} ${r.ok === undefined ? '      ' : r.ok ? 'ok    ' : 'MISSED'} ${r.note ?? ''}\n`);
  }
  process.exit(0);
}
