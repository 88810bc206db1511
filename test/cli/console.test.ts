// `outbound` (no command) opens the console in a real terminal (tmux) and q quits it.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDbPath, tmpDir } from '../helpers/tmp.js';
import { BIN } from './run-cli.js';

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

async function poll<T>(fn: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('outbound with no command opens the console on --db; q quits with exit 0', async (t) => {
  const db = tmpDbPath(t);
  const exitFile = join(tmpDir(t), 'exit');
  const session = `outbound-cli-${process.pid}`;
  const command = `env -u OUTBOUND_DB ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --db ${JSON.stringify(db)}; echo $? > ${JSON.stringify(exitFile)}; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
  t.teardown(() => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      /* already gone */
    }
  });
  await poll(() => (/Settings/.test(tmux('capture-pane', '-p', '-t', session)) ? true : undefined), 'the console');
  tmux('send-keys', '-t', session, 'q');
  const code = await poll(() => (existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() ? readFileSync(exitFile, 'utf8').trim() : undefined), 'exit');
  t.is(code, '0');
  t.true(existsSync(db));
});
