// What the status bar shows, re-read when the core reports a change (ours or
// another process's: the core polls PRAGMA data_version) and every few
// seconds. Every read here is a bounded, indexed query.
import { useCallback, useState } from 'react';
import type { Activity, Outbound, PublicSettings, QueueCounts } from '../../types.js';
import { useOutboundChange } from '../hooks/use-outbound-change.js';

export interface LastError { emailId: number; status: 'deferred' | 'failed'; error: string }

export interface StatusSnapshot {
  settings: PublicSettings;
  counts: QueueCounts;
  activity: Activity;
  lastError: LastError | null;
}

/**
 * The most relevant delivery error: a deferred row's (mail is waiting on it,
 * most recently deferred first), else the newest failed row's.
 */
export function findLastError(outbound: Outbound): LastError | null {
  const pick = (status: 'deferred' | 'failed', column: 'nextAttemptAt' | 'id'): LastError | null => {
    const row = outbound.listEmails({ filter: `status:${status}`, sort: { column, direction: 'desc' }, limit: 1 }).rows[0];
    return row?.lastError ? { emailId: row.id, status, error: row.lastError } : null;
  };
  return pick('deferred', 'nextAttemptAt') ?? pick('failed', 'id');
}

export function readStatus(outbound: Outbound): StatusSnapshot {
  return {
    settings: outbound.getSettings(),
    counts: outbound.counts(),
    activity: outbound.activity(),
    lastError: findLastError(outbound),
  };
}

export function useStatus(outbound: Outbound): { status: StatusSnapshot; refresh: () => void } {
  const [status, setStatus] = useState(() => readStatus(outbound));
  const refresh = useCallback(() => setStatus(readStatus(outbound)), [outbound]);
  useOutboundChange(outbound, refresh, { intervalMs: 250, everyMs: 10_000 });
  return { status, refresh };
}
