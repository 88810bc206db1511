// The whole console (App) over a real Outbound on a temp database, pointed at
// a real loopback SMTP server when given one.
import React from 'react';
import type { ExecutionContext } from 'ava';
import { render } from 'ink-testing-library';
import { openOutbound } from '../../../src/core/index.js';
import type { Outbound, SettingsPatch } from '../../../src/types.js';
import { App } from '../../../src/tui/app.js';
import { tmpDbPath } from '../../helpers/tmp.js';
import type { Rendered } from './ink.js';

export const SENDER = 'ops@example.com';

export function openConsoleOutbound(t: ExecutionContext, opts: { smtpPort?: number; dbPath?: string; settings?: SettingsPatch; actor?: string; connectionTimeoutMs?: number } = {}): Outbound {
  const outbound = openOutbound({
    dbPath: opts.dbPath ?? tmpDbPath(t),
    actor: opts.actor ?? 'tester@127.0.0.1',
    pollMs: 50,
    // Generous: a loaded machine must not turn a slow loopback reply into a failure.
    connectionTimeoutMs: opts.connectionTimeoutMs ?? 20_000,
    socketTimeoutMs: 20_000,
  });
  t.teardown(() => outbound.close(2000));
  if (opts.smtpPort !== undefined) {
    outbound.updateSettings({ host: '127.0.0.1', port: opts.smtpPort, security: 'none', defaultSender: SENDER, ...opts.settings });
  } else if (opts.settings) {
    outbound.updateSettings(opts.settings);
  }
  outbound.start();
  return outbound;
}

export function renderConsole(
  t: ExecutionContext,
  outbound: Outbound,
  { columns = 100, rows = 30, colors = false, initialTab }: { columns?: number; rows?: number; colors?: boolean; initialTab?: 0 | 1 | 2 } = {},
): Rendered {
  const r = render(<App outbound={outbound} columns={columns} rows={rows} colors={colors} initialTab={initialTab} />);
  t.teardown(() => r.unmount());
  return r;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
export const plain = (frame: string | undefined) => (frame ?? '').replace(ANSI, '');
