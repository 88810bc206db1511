// runConsole: refuses without a terminal; uses the alternate screen and gives
// the terminal back on quit and on a signal.
import test from 'ava';
import { FakeStdin, FakeStdout } from './helpers/fake-terminal.js';
import { runConsole, NOT_A_TTY } from '../../src/tui/run.js';
import { openConsoleOutbound } from './helpers/console.js';
import { WAIT_MS } from './helpers/ink.js';

const asStreams = (stdin: FakeStdin, stdout: FakeStdout, stderr: FakeStdout) => ({
  stdin: stdin as unknown as NodeJS.ReadStream,
  stdout: stdout as unknown as NodeJS.WriteStream,
  stderr: stderr as unknown as NodeJS.WriteStream,
});

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test.serial('without a terminal it refuses with one line and exit code 2', async (t) => {
  const outbound = openConsoleOutbound(t);
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  const code = await runConsole(outbound, { ...asStreams(new FakeStdin(false), stdout, stderr), closeOnExit: false });
  t.is(code, 2);
  t.is(stderr.written, NOT_A_TTY);
  t.is(stderr.written.split('\n').length, 2, 'one line');
  t.is(stdout.written, '', 'the screen was not touched');
});

test.serial('q leaves the alternate screen, shows the cursor and closes the core', async (t) => {
  const outbound = openConsoleOutbound(t);
  const stdin = new FakeStdin(true);
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  const done = runConsole(outbound, asStreams(stdin, stdout, stderr));
  await until(() => stdout.written.includes('Auto-delivery'), 'the first frame');
  t.true(stdout.written.startsWith('\x1b[?1049h'), 'alternate screen first');
  t.true(stdin.rawMode);
  stdin.type('q');
  t.is(await done, 0);
  t.true(stdout.written.endsWith('\x1b[?25h\x1b[?1049l'), 'terminal given back last');
  t.false(stdin.rawMode);
  t.throws(() => outbound.counts(), undefined, 'the core was closed');
});

test.serial('SIGTERM gives the terminal back and ends with 143', async (t) => {
  const outbound = openConsoleOutbound(t);
  const stdin = new FakeStdin(true);
  const stdout = new FakeStdout();
  const stderr = new FakeStdout();
  const listenersBefore = process.listenerCount('SIGTERM');
  const done = runConsole(outbound, asStreams(stdin, stdout, stderr));
  await until(() => stdout.written.includes('Auto-delivery'), 'the first frame');
  t.true(process.listenerCount('SIGTERM') > listenersBefore);
  process.emit('SIGTERM', 'SIGTERM');
  t.is(await done, 143);
  t.true(stdout.written.endsWith('\x1b[?25h\x1b[?1049l'), 'nothing written after leaving the alternate screen');
  t.is(process.listenerCount('SIGTERM'), listenersBefore, 'its handler is removed');
});
