// Delivery and enqueue budgets of DESIGN.md, measured side by side against
// Postfix's smtp-sink on 127.0.0.1:
// - engine end to end (claim → SMTP → recorded) vs plain nodemailer pooled
//   sending of the same pre-composed messages (≥ 0.9×) and vs the naive
//   one-connection-per-message sendMail loop (≥ 4×);
// - enqueueMany in batches vs MailComposer alone (≥ 0.8×);
// - one `node dist/cli.js enqueue …` process (≤ 250 ms).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EnqueueInput } from '../src/types.js';
import type { BenchResult, BenchRow } from './run.js';
import { haveSink, INSTALL_HINT, startSink } from './delivery-sink.js';

const N = Number(process.env.BENCH_MESSAGES ?? 5000);
const NAIVE_N = Math.min(N, Number(process.env.BENCH_NAIVE_MESSAGES ?? 600));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 5;
const BODY = ('The quick brown fox jumps over the lazy dog. 0123456789 '.repeat(40)).slice(0, 1900);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

function inputs(n: number, tag: string): EnqueueInput[] {
  return Array.from({ length: n }, (_, i) => ({
    from: 'bench@example.com',
    to: `rcpt${i % 50}@example.net`,
    subject: `${tag} message ${i}`,
    text: BODY,
  }));
}

async function composeAll(list: EnqueueInput[]): Promise<{ envelope: { from: string; to: string[] }; raw: Buffer }[]> {
  const out = [];
  for (const m of list) {
    const raw = await new MailComposer({ from: m.from, to: m.to, subject: m.subject, text: m.text, newline: 'win' }).compile().build();
    out.push({ envelope: { from: String(m.from), to: [String(m.to)] }, raw });
  }
  return out;
}

interface Rate {
  rate: number;
  /** CPU of this process (all threads) per message, µs: a figure less sensitive to other load than the rate. */
  cpuUs: number;
}

const cpuUs = (c: NodeJS.CpuUsage, n: number) => (c.user + c.system) / n;

async function plainPooled(port: number, messages: { envelope: { from: string; to: string[] }; raw: Buffer }[]): Promise<Rate> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity, ignoreTLS: true });
  const c0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(messages.map((m) => transport.sendMail({ envelope: m.envelope, raw: m.raw })));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(c0);
  transport.close();
  return { rate: messages.length / seconds, cpuUs: cpuUs(cpu, messages.length) };
}

async function naiveLoop(port: number, messages: { envelope: { from: string; to: string[] }; raw: Buffer }[]): Promise<number> {
  // What most applications do: a non-pooled transport, one connection per sendMail, one at a time.
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
  const start = performance.now();
  for (const m of messages) await transport.sendMail({ envelope: m.envelope, raw: m.raw });
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  return messages.length / seconds;
}

type Core = typeof import('../src/core/index.js');

/** The built code when there is one (`npm run bench` builds first): what users run, without tsx in the loop. */
async function loadCore(): Promise<{ core: Core; from: string }> {
  const dist = new URL('../dist/core/index.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return { core: (await import(dist.href)) as Core, from: 'dist' };
  return { core: await import('../src/core/index.js'), from: 'src (not built)' };
}

async function engineEndToEnd(core: Core, port: number, dir: string, round: number): Promise<{ send: Rate; enqueueRate: number }> {
  const dbPath = join(dir, `engine-${round}.db`);
  const outbound = core.openOutbound({ dbPath, actor: 'bench', pollMs: 250 });
  try {
    outbound.updateSettings({ host: '127.0.0.1', port, security: 'none', maxConnections: CONNECTIONS, defaultSender: 'bench@example.com' });
    const list = inputs(N, `engine-${round}`);
    const t0 = performance.now();
    for (let i = 0; i < list.length; i += 500) await outbound.enqueueMany(list.slice(i, i + 500));
    const enqueueRate = N / ((performance.now() - t0) / 1000);
    outbound.start(); // auto-delivery is still off: nothing is sent yet

    const done = new Promise<void>((resolve) => {
      const check = () => {
        if (outbound.counts().sent >= N) {
          off();
          clearInterval(timer);
          resolve();
        }
      };
      // Change events (≤ 10/s) plus a coarse poll: counts() is cheap but not free.
      const off = outbound.onChange(check);
      const timer = setInterval(check, 50);
    });
    await new Promise((r) => setTimeout(r, 300)); // the database thread is up, the enqueue's garbage collected
    const c0 = process.cpuUsage();
    const start = performance.now();
    outbound.setAutoDelivery(true);
    await done;
    const seconds = (performance.now() - start) / 1000;
    return { send: { rate: N / seconds, cpuUs: cpuUs(process.cpuUsage(c0), N) }, enqueueRate };
  } finally {
    await outbound.close();
  }
}

async function composerAlone(): Promise<number> {
  const list = inputs(N, 'composer');
  const start = performance.now();
  await composeAll(list);
  return N / ((performance.now() - start) / 1000);
}

function cliEnqueue(dir: string): BenchRow {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) return { name: 'one `outbound enqueue` process', value: 'n/a', budget: '≤ 250 ms', note: 'dist/cli.js not built (npm run build)' };
  const dbPath = join(dir, 'cli.db');
  const args = [cli, 'enqueue', '--db', dbPath, '--to', 'a@example.net', '--from', 'bench@example.com', '--subject', 'cli bench', '--text', 'hello'];
  try {
    execFileSync(process.execPath, args, { stdio: 'pipe' }); // creates and migrates the db: not what we time
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      execFileSync(process.execPath, args, { stdio: 'pipe' });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[2]!;
    return { name: 'one `outbound enqueue` process (median of 5)', value: `${fmt(median)} ms`, budget: '≤ 250 ms', ok: median <= 250 };
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split('\n')[0];
    return { name: 'one `outbound enqueue` process', value: 'n/a', budget: '≤ 250 ms', note: `CLI not working yet: ${stderr}` };
  }
}

export default async function deliveryBench(): Promise<BenchResult> {
  const title = `delivery (${fmt(N)} × 2 KB messages, smtp-sink on 127.0.0.1, ${CONNECTIONS} connections)`;
  if (!haveSink()) {
    process.stderr.write(INSTALL_HINT + '\n');
    return { title, rows: [], skipped: INSTALL_HINT };
  }
  const dir = mkdtempSync(join(tmpdir(), 'outbound-bench-'));
  const sink = await startSink();
  try {
    const { core, from } = await loadCore();
    const messages = await composeAll(inputs(N, 'plain'));
    await plainPooled(sink.port, messages.slice(0, 500)); // warm-up: JIT, sockets
    let pooled: Rate = { rate: 0, cpuUs: Infinity };
    let engine: Rate = { rate: 0, cpuUs: Infinity };
    let enqueue = 0;
    const best = (a: Rate, b: Rate): Rate => ({ rate: Math.max(a.rate, b.rate), cpuUs: Math.min(a.cpuUs, b.cpuUs) });
    // Alternate the two so drift (CPU frequency, other load) hits both alike; keep the best of each.
    for (let round = 0; round < ROUNDS; round++) {
      pooled = best(pooled, await plainPooled(sink.port, messages));
      const e = await engineEndToEnd(core, sink.port, dir, round);
      engine = best(engine, e.send);
      enqueue = Math.max(enqueue, e.enqueueRate);
    }
    const naive = await naiveLoop(sink.port, messages.slice(0, NAIVE_N));
    let composer = 0;
    for (let round = 0; round < ROUNDS; round++) composer = Math.max(composer, await composerAlone());

    const vsPooled = ratio(engine.rate, pooled.rate);
    const vsNaive = ratio(engine.rate, naive);
    const vsComposer = ratio(enqueue, composer);
    const rows: BenchRow[] = [
      { name: 'engine end to end (enqueued → sent, recorded)', value: `${fmt(engine.rate)} msg/s`, note: `CPU ${fmt(engine.cpuUs)} µs/msg (both threads)` },
      { name: 'plain nodemailer pool, pre-composed', value: `${fmt(pooled.rate)} msg/s`, note: `CPU ${fmt(pooled.cpuUs)} µs/msg` },
      { name: `naive loop, one connection per message (${NAIVE_N})`, value: `${fmt(naive)} msg/s` },
      { name: 'engine / plain pool', value: `${vsPooled.toFixed(2)}×`, budget: '≥ 0.9×', ok: vsPooled >= 0.9 },
      { name: 'engine / naive loop', value: `${vsNaive.toFixed(1)}×`, budget: '≥ 4×', ok: vsNaive >= 4 },
      { name: 'enqueueMany (batches of 500)', value: `${fmt(enqueue)} msg/s` },
      { name: 'MailComposer alone', value: `${fmt(composer)} msg/s` },
      { name: 'enqueueMany / MailComposer', value: `${vsComposer.toFixed(2)}×`, budget: '≥ 0.8×', ok: vsComposer >= 0.8 },
      cliEnqueue(dir),
    ];
    // Ratios are side by side, but on a busy machine the absolute figures mean little: say how busy.
    rows.push({ name: 'outbound code measured', value: from });
    rows.push({ name: 'load average during the run (1 min)', value: loadavg()[0]!.toFixed(1), note: `${cpus().length} CPUs` });
    return { title, rows };
  } finally {
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
