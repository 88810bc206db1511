// Runs `refresh` when the core reports a change (ours or another process's),
// at most once per `intervalMs` (leading and trailing), and every `everyMs`
// regardless (clocks move: "sent today", the per-minute sparkline).
import { useEffect, useRef } from 'react';
import type { ChangeEvent, Outbound } from '../../types.js';

export function useOutboundChange(
  outbound: Outbound,
  refresh: (event?: ChangeEvent) => void,
  { intervalMs = 250, everyMs = 15_000, enabled = true }: { intervalMs?: number; everyMs?: number; enabled?: boolean } = {},
): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    let timer: NodeJS.Timeout | undefined;
    let pending: ChangeEvent | undefined;
    const run = () => {
      timer = undefined;
      last = Date.now();
      const e = pending;
      pending = undefined;
      try {
        refreshRef.current(e);
      } catch {
        /* the database may be closing; the next change retries */
      }
    };
    const off = outbound.onChange((e) => {
      pending = pending ? { kinds: [...new Set([...pending.kinds, ...e.kinds])] } : e;
      if (timer) return;
      timer = setTimeout(run, Math.max(0, last + intervalMs - Date.now()));
    });
    const tick = setInterval(run, everyMs);
    return () => {
      off();
      if (timer) clearTimeout(timer);
      clearInterval(tick);
    };
  }, [outbound, intervalMs, everyMs, enabled]);
}
