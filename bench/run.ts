// `npm run bench`: runs every benchmark module in turn and prints one table.
// Benchmarks measure the DESIGN.md budgets side by side in one run; they are
// not tests (no pass/fail in CI), but the exit code is 1 when a budget is
// missed or a prerequisite is absent, so a human notices.
//
// To add a benchmark: write bench/NAME.ts exporting `default` as a BenchModule
// and append its path to MODULES below.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  /** What was measured ("engine end to end"). */
  name: string;
  /** The figure, already formatted ("3,120 msg/s", "0.97×"). */
  value: string;
  /** The budget it is held to, if any ("≥ 0.9×"). */
  budget?: string;
  /** Whether the budget was met (undefined: no budget). */
  ok?: boolean;
  note?: string;
}

export interface BenchResult {
  title: string;
  rows: BenchRow[];
  /** A prerequisite is missing (rows may be empty); the message says how to fix it. */
  skipped?: string;
}

export type BenchModule = () => Promise<BenchResult>;

const MODULES: string[] = [
  './delivery.ts',
  './console.ts', // the console benchmark (its own author); skipped while absent
  './purge.ts',
];

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function printTable(results: BenchResult[]): void {
  const rows = results.flatMap((r) => [
    { name: `[${r.title}]`, value: r.skipped ? 'skipped' : '', budget: '', status: '', note: r.skipped ?? '' },
    ...r.rows.map((row) => ({
      name: `  ${row.name}`,
      value: row.value,
      budget: row.budget ?? '',
      status: row.ok === undefined ? '' : row.ok ? 'ok' : 'MISSED',
      note: row.note ?? '',
    })),
  ]);
  const header = { name: 'benchmark', value: 'result', budget: 'budget', status: '', note: 'note' };
  const all = [header, ...rows];
  const w = {
    name: Math.max(...all.map((r) => r.name.length)),
    value: Math.max(...all.map((r) => r.value.length)),
    budget: Math.max(...all.map((r) => r.budget.length)),
    status: 6,
  };
  const line = (r: typeof header) =>
    `${pad(r.name, w.name)}  ${pad(r.value, w.value)}  ${pad(r.budget, w.budget)}  ${pad(r.status, w.status)}  ${r.note}`.trimEnd();
  process.stdout.write('\n' + line(header) + '\n' + '-'.repeat(w.name + w.value + w.budget + w.status + 12) + '\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
}

async function main(): Promise<number> {
  const results: BenchResult[] = [];
  let failed = false;
  for (const path of MODULES) {
    const file = fileURLToPath(new URL(path, import.meta.url));
    if (!existsSync(file)) {
      results.push({ title: path.replace(/^\.\/|\.ts$/g, ''), rows: [], skipped: `${path} not written yet` });
      continue;
    }
    const mod = (await import(path)) as { default: BenchModule };
    try {
      const result = await mod.default();
      results.push(result);
      if (result.skipped || result.rows.some((r) => r.ok === false)) failed = true;
    } catch (err) {
      failed = true;
      results.push({ title: path, rows: [], skipped: `crashed: ${(err as Error).message}` });
    }
  }
  printTable(results);
  return failed ? 1 : 0;
}

// Exit explicitly: a benchmark that leaves a socket or timer behind must not hang the run.
process.exit(await main());
