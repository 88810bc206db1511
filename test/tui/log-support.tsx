// Shared set-up for the Log tab tests: a real Outbound on a temp database
// (optionally pointed at a real loopback SMTP server), rows enqueued through
// the core, and LogTab rendered with the app's providers at a fixed size.
import React from 'react';
import type { ExecutionContext } from 'ava';
import { openOutbound } from '../../src/core/index.js';
import type { EnqueueInput, Outbound } from '../../src/types.js';
import { LogTab } from '../../src/tui/log/log-tab.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { renderWithProviders, waitForFrame, WAIT_MS, type Rendered } from './helpers/ink.js';

export const SENDER = 'ops@example.com';

export function openLogOutbound(t: ExecutionContext, opts: { smtpPort?: number; dbPath?: string } = {}): Outbound {
  const outbound = openOutbound({
    dbPath: opts.dbPath ?? tmpDbPath(t),
    actor: 'tester@127.0.0.1',
    pollMs: 50,
    // Generous: a loaded machine must not turn a slow loopback reply into a failure.
    connectionTimeoutMs: 20_000,
    socketTimeoutMs: 20_000,
  });
  t.teardown(() => outbound.close(2000));
  // Automatic delivery stays OFF (the default): rows stay queued until Send Now.
  outbound.updateSettings({ host: '127.0.0.1', port: opts.smtpPort ?? 25, security: 'none', defaultSender: SENDER });
  outbound.start();
  return outbound;
}

/** `n` emails: subject "mail 001" …, to userNNN@example.net, enqueued in one batch (ids ascending). */
export async function enqueueMany(outbound: Outbound, n: number, make: (i: number) => Partial<EnqueueInput> = () => ({})): Promise<number[]> {
  const inputs: EnqueueInput[] = [];
  for (let i = 1; i <= n; i++) {
    const k = String(i).padStart(3, '0');
    inputs.push({ to: `user${k}@example.net`, subject: `mail ${k}`, text: `body of mail ${k}`, ...make(i) });
  }
  return (await outbound.enqueueMany(inputs)).map((r) => r.id);
}

export function renderLog(outbound: Outbound, { width = 100, height = 20 } = {}): Rendered {
  return renderWithProviders(<LogTab outbound={outbound} width={width} height={height} active />);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
export const plain = (frame: string | undefined) => (frame ?? '').replace(ANSI, '');

/** The frame without colour codes, once `test` passes on it. */
export function waitPlain(r: Rendered, test: string | RegExp | ((f: string) => boolean), what?: string, timeoutMs = WAIT_MS): Promise<string> {
  const check = typeof test === 'function' ? test : (f: string) => (typeof test === 'string' ? f.includes(test) : test.test(f));
  return waitForFrame(r, (f) => check(plain(f)), timeoutMs, what ?? String(test)).then(plain);
}

/** The line of the frame showing `text`. */
export function lineWith(frame: string | undefined, text: string): string | undefined {
  return plain(frame).split('\n').find((l) => l.includes(text));
}

/** The cursor row (it starts with the > mark; inverse video is invisible without a TTY). */
export function cursorLine(frame: string | undefined): string {
  return plain(frame).split('\n').find((l) => l.startsWith('>')) ?? '';
}

/** Waits until the cursor row shows `text`. */
export function waitCursor(r: Rendered, text: string, timeoutMs = WAIT_MS): Promise<string> {
  return waitPlain(r, (f) => cursorLine(f).includes(text), `cursor on "${text}"`, timeoutMs);
}
