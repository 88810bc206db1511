// Entry of the console: `outbound tui` calls runConsole(outbound).
// Uses the alternate screen (Ink 6 has no option for it) and always gives the
// terminal back — normal exit, SIGINT/SIGTERM/SIGHUP, or a crash.
import React from 'react';
import { render } from 'ink';
import type { Outbound } from '../types.js';
import { App } from './app.js';
import { limitHeapGrowth } from './heap.js';

export interface RunConsoleOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Default: on unless NO_COLOR is set. */
  colors?: boolean;
  initialTab?: 0 | 1 | 2;
  /** Close the core when the console exits (default true). */
  closeOnExit?: boolean;
}

export const NOT_A_TTY =
  'outbound: the console needs a terminal (stdin is not a TTY); use `outbound log` or other commands in scripts\n';

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l'; // cursor shown, main screen back
const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Runs the console until the operator quits; resolves to the exit code. */
export async function runConsole(outbound: Outbound, opts: RunConsoleOptions = {}): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  if (stdin.isTTY !== true) {
    stderr.write(NOT_A_TTY);
    return 2;
  }

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    } catch {
      /* the terminal may be gone (SIGHUP) */
    }
    try {
      stdout.write(LEAVE_ALT_SCREEN);
    } catch {
      /* ditto */
    }
  };

  let exitCode = 0;
  let instance: ReturnType<typeof render> | undefined;
  // Unmount first: Ink writes its last frame while unmounting, and it must
  // land on the alternate screen we are about to leave, not the shell's.
  const onSignal = (signal: NodeJS.Signals) => {
    exitCode = SIGNAL_EXIT[signal] ?? 1;
    try {
      // Ends waitUntilExit below: the core is then closed cleanly
      // (in-flight sends finish or return to the queue).
      instance?.unmount();
    } finally {
      restore();
    }
  };
  const onCrash = (err: unknown) => {
    try {
      instance?.unmount();
    } catch {
      /* already broken */
    }
    restore();
    stderr.write(`outbound: the console crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
  const onExit = () => restore();
  const signals = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('exit', onExit);

  try {
    limitHeapGrowth(); // the memory budget: see heap.ts
    outbound.start();
    stdout.write(ENTER_ALT_SCREEN);
    instance = render(
      <App
        outbound={outbound}
        colors={opts.colors}
        initialTab={opts.initialTab}
        onRedraw={() => {
          instance?.clear();
          stdout.write(CLEAR_SCREEN);
        }}
      />,
      { stdin, stdout, stderr, exitOnCtrlC: false, patchConsole: true },
    );
    await instance.waitUntilExit();
  } finally {
    restore();
    for (const s of signals) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('exit', onExit);
    if (opts.closeOnExit !== false) await outbound.close();
  }
  return exitCode;
}
