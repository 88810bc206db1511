// The measured half of bench/console.ts, in plain JavaScript so that it runs
// under plain `node` against the compiled dist/ — the code that ships —
// without the tsx loader in the process (it would add ~60 MB of resident
// memory that the console never has). Writes its figures as JSON.
// It renders the Log tab as runConsole does, heap setting included
// (BENCH_DEFAULT_HEAP=1 measures V8's default instead, for comparison).
//
//   node bench/console-measure.mjs DB ROWS OUT.json
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';

const WIDTH = 120;
const HEIGHT = 40;
const KEY_GAP_MS = 40; // more than Ink's 30 fps render throttle: each key gets its own frame

const KEYS = { down: '\x1b[B', up: '\x1b[A', pageDown: '\x1b[6~', pageUp: '\x1b[5~', right: '\x1b[C', left: '\x1b[D', enter: '\r', escape: '\x1b' };

/** Filters a sysadmin would type, from selective to matching nothing (a full scan). */
const FILTERS = [
  'status:queued',
  'status:failed',
  'status:deferred,queued',
  'from:alerts7@',
  'to:user42',
  'source:desk',
  'origin:cron',
  'since:2h',
  'before:2d',
  '!status:sent',
  'error:550',
  'disk',
  'backup host12',
  'subject:"weekly summary"',
  'no-such-word',
];

// ---- a fake 120×40 terminal ------------------------------------------------------

class FakeStdout extends EventEmitter {
  columns = WIDTH;
  rows = HEIGHT;
  isTTY = true;
  frames = 0;
  lastFrame = '';
  waiters = [];
  write = (data) => {
    const at = performance.now();
    this.frames++;
    if (data.length > 40) this.lastFrame = data; // not the synchronized-update brackets
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(data)) return true;
      w.resolve(at);
      return false;
    });
    return true;
  };
  /** Time of the next write (that satisfies `test`). */
  nextWrite(what = 'a key', test = () => true, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms after ${what}; last write:\n${this.lastFrame}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write(data) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(dbPath, rows) {
  // NODE_ENV=production like the shipped binary (React's development build is slower).
  process.env.NODE_ENV = 'production';
  const React = (await import('react')).default;
  const { render } = await import('ink');
  const { openOutbound } = await import('../dist/core/index.js');
  const { LogTab } = await import('../dist/tui/log/log-tab.js');
  const { KeyDispatcherProvider } = await import('../dist/tui/input/key-dispatcher.js');
  const { ThemeProvider } = await import('../dist/tui/theme.js');
  // What runConsole does first (the console's heap setting, src/tui/heap.ts): measure the console as it ships.
  const { limitHeapGrowth } = await import('../dist/tui/heap.js');
  if (!process.env.BENCH_DEFAULT_HEAP) limitHeapGrowth();

  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const t0 = performance.now();
  const outbound = openOutbound({ dbPath, deliver: false });
  outbound.setUiState('log.view', {}); // each session starts from the default view (the last one sorted by From)
  const firstWrite = stdout.nextWrite('render', (f) => f.includes('sort:') && /\d\d:\d\d/.test(f));
  const t1 = performance.now();
  const app = render(
    React.createElement(ThemeProvider, {
      colors: true,
      children: React.createElement(KeyDispatcherProvider, {
        children: React.createElement(LogTab, { outbound, width: WIDTH, height: HEIGHT - 2, active: true }),
      }),
    }),
    { stdout, stdin, stderr: stdout, exitOnCtrlC: false, patchConsole: false },
  );
  const first = await firstWrite;
  let phase = 'browse';
  const session = {
    rows,
    openToFirstFrame: first - t0,
    renderToFirstFrame: first - t1,
    moves: [], pages: [], sorts: [], filters: [], counts: [], cpu: [], keys: [], rss: 0, heap: 0,
  };
  await sleep(300); // let the lazy count and the input subscription settle
  // Resident memory, sampled through the whole session (it peaks between garbage collections).
  const rssSamples = [];
  session.rssByPhase = {};
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    rssSamples.push(rss);
    session.rssByPhase[phase] = Math.max(session.rssByPhase[phase] ?? 0, rss);
  }, 100);

  let unchanged = 0;
  /** Time from writing the key to the next frame; NaN when the key changed nothing on screen (e.g. PgDn on an empty table). */
  const pressMaybe = async (key, kind) => {
    try {
      return await press(key, kind, 1500);
    } catch {
      unchanged++;
      return NaN;
    }
  };
  const press = async (key, kind = 'other', timeoutMs = 10_000) => {
    await sleep(KEY_GAP_MS);
    if (process.env.BENCH_DEBUG) process.stderr.write(`key ${JSON.stringify(key)}\n`);
    const next = stdout.nextWrite(JSON.stringify(key), () => true, timeoutMs);
    const at = performance.now();
    const cpu0 = process.cpuUsage();
    stdin.write(key);
    const done = await next;
    const cpu = process.cpuUsage(cpu0);
    // CPU spent from the key to its frame: what the key costs, whatever else the machine runs.
    session.cpu.push({ kind, ms: (cpu.user + cpu.system) / 1000 });
    session.keys.push({ key, kind, phase, ms: done - at });
    return done - at;
  };
  const typeText = async (text) => {
    if (process.env.BENCH_DEBUG) process.stderr.write(`type ${text}\n`);
    // Not timed, and not every character changes the frame (a trailing space does not).
    // The text field subscribes to input in a passive effect: give it a moment after opening.
    await sleep(KEY_GAP_MS);
    for (const ch of text) {
      stdin.write(ch);
      await sleep(5);
    }
    await sleep(KEY_GAP_MS);
    if (!stdout.lastFrame.includes(text.slice(-10))) throw new Error(`the prompt did not get "${text}":\n${stdout.lastFrame}`);
  };

  for (let i = 0; i < 60; i++) session.moves.push(await press(KEYS.down, 'move'));
  for (let i = 0; i < 30; i++) session.moves.push(await press(KEYS.up, 'move'));
  for (let i = 0; i < 25; i++) session.pages.push(await press(KEYS.pageDown, 'page'));
  for (let i = 0; i < 25; i++) session.pages.push(await press(KEYS.pageUp, 'page'));
  session.pages.push(await press('G', 'page'));
  for (let i = 0; i < 10; i++) session.pages.push(await press(KEYS.pageUp, 'page'));
  for (let i = 0; i < 10; i++) session.moves.push(await press(KEYS.up, 'move'));
  session.pages.push(await press('g', 'page'));

  phase = 'sort';
  // Sort by every column on screen (and flip), paging a little each time.
  const columns = ['Created', 'Status', 'From', 'From source', 'To', 'Subject', 'Attempts', 'Next attempt', 'Last error', 'Origin', 'Size'];
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) await press(KEYS.right);
    session.sorts.push({ label: `${columns[i]} (o)`, ms: await press('o', 'sort') });
    session.pages.push(await press(KEYS.pageDown, 'page'));
    session.moves.push(await press(KEYS.down, 'move'));
    session.sorts.push({ label: `${columns[i]} flipped (O)`, ms: await press('O', 'sort') });
  }
  for (let i = 1; i < columns.length; i++) await press(KEYS.left);
  session.sorts.push({ label: 'back to Created', ms: await press('o', 'sort') });

  phase = 'filter';
  // Filters: type the expression in the prompt, measure Enter; then Esc (clear) is a change too.
  for (const filter of FILTERS) {
    await press('/');
    await typeText(filter);
    session.filters.push({ label: filter, ms: await press(KEYS.enter, 'filter') });
    session.pages.push(await pressMaybe(KEYS.pageDown, 'page'));
    session.moves.push(await pressMaybe(KEYS.down, 'move'));
    await sleep(50);
    session.filters.push({ label: `clear ${filter}`, ms: await press(KEYS.escape, 'filter') });
  }
  // A sort change under a filter.
  await press('/');
  await typeText('status:failed');
  await press(KEYS.enter);
  await press(KEYS.right);
  session.sorts.push({ label: 'Status under status:failed', ms: await press('o', 'sort') });
  await press(KEYS.right);
  session.sorts.push({ label: 'From under status:failed', ms: await press('o', 'sort') });
  await press(KEYS.escape);

  phase = 'count';
  // How long the lazy count (after the page is shown) holds the event loop, per filter.
  for (const filter of FILTERS) {
    const s = performance.now();
    outbound.countEmails(filter);
    session.counts.push({ label: filter, ms: performance.now() - s });
  }

  clearInterval(sampler);
  rssSamples.sort((a, b) => a - b);
  session.rssMedian = rssSamples[Math.floor(rssSamples.length / 2)] ?? 0;
  session.rssMax = rssSamples.at(-1) ?? 0;
  if (global.gc) global.gc();
  await sleep(300);
  const mem = process.memoryUsage();
  session.unchanged = unchanged;
  session.rss = mem.rss;
  session.heap = mem.heapUsed;
  app.unmount();
  await outbound.close();
  return session;
}

const [dbPath, rows, out] = process.argv.slice(2);
const session = await measure(dbPath, Number(rows));
writeFileSync(out, JSON.stringify(session));
process.exit(0);
