// End to end: the built binary (dist/cli.js) in a real terminal (tmux,
// 100×30) against a real SMTP server started here. Configure the relay in the
// Settings form, send a test email, Send Now queued mail from the Log, view,
// forward and delete a row, turn automatic delivery on and watch new mail go
// out by itself, then quit and find the shell again (alternate screen left).
//
// Needs dist/ (`npm test` builds first) and tmux; skips with a message otherwise.
import test from 'ava';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSmtp } from '../helpers/smtp.js';
import { tmpDir } from '../helpers/tmp.js';

const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);

function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = !existsSync(BIN) ? 'dist/cli.js is missing (run `npm run build`, or `npm test` which builds first)' : !hasTmux() ? 'tmux is not installed' : '';
if (missing) console.warn(`test/e2e/console.test.ts skipped: ${missing}`);
const e2e = missing ? test.skip : test.serial;

class Terminal {
  constructor(readonly session: string) {}
  tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.session, ...keys);
  }
  text(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }
  /** Polls the screen until `test` passes; the error shows the last screen. */
  async waitFor(test: string | RegExp | ((screen: string) => boolean), what = String(test), timeoutMs = 30_000): Promise<string> {
    const check = typeof test === 'function' ? test : (s: string) => (typeof test === 'string' ? s.includes(test) : test.test(s));
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (check(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

e2e('the console end to end: settings, test email, Send Now, view, forward, delete, auto-delivery, quit', async (t) => {
  const smtp = await startSmtp(t);
  const dir = tmpDir(t);
  const db = join(dir, 'outbound.db');
  const exitFile = join(dir, 'exit-code');
  const cli = (...args: string[]) => run(process.execPath, [BIN, '--db', db, ...args], { env: { ...process.env, OUTBOUND_DB: '' } });
  const session = `outbound-e2e-${process.pid}-${Date.now()}`;
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --db ${JSON.stringify(db)}; echo $? > ${JSON.stringify(exitFile)}; echo OUTBOUND-SHELL-BACK; sleep 60`;
  const term = new Terminal(session);
  term.tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
  t.teardown(() => {
    try {
      term.tmux('kill-session', '-t', session);
    } catch {
      /* already gone */
    }
  });

  // 1. Settings: point the relay at our SMTP server through the Edit form.
  await term.waitFor('Auto-delivery', 'the first frame');
  term.keys('1');
  await term.waitFor('press e to edit');
  term.keys('e');
  await term.waitFor('Edit settings');
  term.keys('End');
  for (let i = 0; i < 20; i++) term.keys('BSpace');
  term.text('127.0.0.1');
  term.keys('Tab', 'End', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
  term.text(String(smtp.port));
  for (let i = 0; i < 5; i++) term.keys('Tab'); // User, Password, Clear password, Days, Default Sender
  term.text('Outbound E2E <e2e@example.com>');
  term.keys('Tab', 'Right', 'Right', 'Right'); // Security: starttls → require-starttls → tls → none
  await term.waitFor('‹ none ›');
  term.keys('Enter');
  let screen = await term.waitFor('Saved');
  t.regex(screen, new RegExp(`Relay 127\\.0\\.0\\.1:${smtp.port} none`));
  t.regex(screen, /Default Sender Email\s+Outbound E2E <e2e@example\.com>/);

  // 2. Test tab: a test email goes out now (automatic delivery is OFF).
  term.keys('2');
  await term.waitFor('Tab edit fields');
  term.keys('Tab');
  term.text('postmaster@example.net');
  term.keys('Enter');
  screen = await term.waitFor('✓ Delivered', 'the test email delivered');
  t.regex(screen, /Server reply: 250/);
  await smtp.waitFor(1);
  t.deepEqual(smtp.received[0]!.to, ['postmaster@example.net']);

  // 3. Mail from a producer stays queued (automatic delivery OFF).
  for (let i = 1; i <= 3; i++) await cli('enqueue', '--to', `user${i}@example.net`, '--subject', `e2e mail ${i}`, '--text', `body ${i}`);
  await term.waitFor(/Queued 3\b/, 'Queued 3 in the status bar');
  t.is(smtp.received.length, 1);

  // 4. Log: filter status:queued, select all, Send Now.
  term.keys('3');
  await term.waitFor(/\d+ emails · sort/);
  term.keys('/');
  await term.waitFor('Filter /');
  term.text('status:queued');
  term.keys('Enter');
  await term.waitFor(/3 matches · filter: status:queued/);
  term.keys('a');
  await term.waitFor('3 selected');
  term.keys('s');
  await smtp.waitFor(4);
  t.deepEqual(smtp.received.slice(1).map((m) => m.to[0]).sort(), ['user1@example.net', 'user2@example.net', 'user3@example.net']);
  await term.waitFor(/0 matches · filter: status:queued/, 'the sent rows leave the queued filter');
  term.keys('Escape');
  term.keys('Escape');
  // "0 matches" shows once no row is queued; a row may still be 'sending' then: wait for the recorded outcome.
  const rowStatuses = (s: string) => s.split('\n').map((l) => /^\S?\s+\d+ \d{4}-\d\d-\d\d \d\d:\d\d (\w+)/.exec(l)?.[1]).filter(Boolean);
  screen = await term.waitFor((s) => /4 emails · sort/.test(s) && !/filter:/.test(s) && rowStatuses(s).every((st) => st === 'sent'), 'the filter cleared, all rows sent');
  t.deepEqual(rowStatuses(screen), ['sent', 'sent', 'sent', 'sent'], 'all four rows (test + 3) show sent');

  // 5. View the row under the cursor (the newest: e2e mail 3).
  term.keys('g', 'Enter');
  screen = await term.waitFor((s) => s.includes('Server reply:') && s.includes('body 3'), 'the email view with its body');
  t.regex(screen, /Subject:\s+e2e mail 3/);
  term.keys('Escape');
  await term.waitFor(/4 emails · sort/);

  // 6. Forward it to another address: a new row, delivered at once.
  term.keys('f');
  await term.waitFor('Forward email');
  term.text('boss@example.org');
  term.keys('Enter');
  await smtp.waitFor(5);
  t.deepEqual(smtp.received[4]!.to, ['boss@example.org']);
  t.regex(smtp.received[4]!.raw.toString(), /Resent-To: boss@example\.org/i);
  await term.waitFor(/5 emails · sort/);

  // 7. Delete one row, after confirming.
  term.keys('G', 'd');
  await term.waitFor(/Delete email \d+\?/);
  term.keys('y');
  await term.waitFor(/4 emails · sort/, 'one row fewer');
  const listed = JSON.parse((await cli('log', '--json')).stdout) as { subject: string }[];
  t.is(listed.length, 4);

  // 8. Automatic delivery ON (nothing queued: no question), new mail goes out by itself.
  term.keys('A');
  await term.waitFor(/Auto-delivery\s+ON\s+by /, 'auto-delivery ON');
  await cli('enqueue', '--to', 'auto@example.net', '--subject', 'e2e automatic', '--text', 'by itself');
  const [, , , , , auto] = await smtp.waitFor(6);
  t.deepEqual(auto!.to, ['auto@example.net']);
  await term.waitFor(/5 emails · sort/);

  // 9. Quit: the shell is back (the alternate screen was left), exit code 0.
  term.keys('q');
  screen = await term.waitFor('OUTBOUND-SHELL-BACK', 'the shell after quitting');
  t.false(screen.includes('Auto-delivery'), 'no trace of the console on the main screen');
  t.is(readFileSync(exitFile, 'utf8').trim(), '0');
});
