// Durations on the command line ("90s", "30m", "2h", "1d", "1w").
import { UsageError } from './usage-error.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(command: string, option: string, text: string): number {
  const m = /^(\d{1,9})(s|m|h|d|w)$/.exec(text.trim());
  if (!m) throw new UsageError(`${command}: --${option} must be a number with a unit (90s, 30m, 2h, 1d, 1w), not ${JSON.stringify(text)}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** A compact age for people: "0s", "42s", "5m", "3h", "2d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** The shortest exact spelling of a duration ("24h", "90m"). */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    // "24h" reads better than "1d" (the usual monitoring window).
    if (unit === 'd' && ms === UNIT_MS.d) continue;
    if (ms >= UNIT_MS[unit]! && ms % UNIT_MS[unit]! === 0) return `${ms / UNIT_MS[unit]!}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}
