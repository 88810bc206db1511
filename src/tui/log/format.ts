// How Log values are written in a cell: compact, fixed-width friendly, local time.

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A timestamp in as much detail as `width` allows: 2026-12-03 13:05:09,
 * 2026-12-03 13:05, 12-03 13:05, or just 13:05 (today) / 12-03 (other days).
 */
export function formatTime(ms: number | null, width = 19, now = Date.now()): string {
  if (ms === null || ms <= 0) return '';
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (width >= 19) return `${date} ${hm}:${pad2(d.getSeconds())}`;
  if (width >= 16) return `${date} ${hm}`;
  if (width >= 11) return `${date.slice(5)} ${hm}`;
  const today = new Date(now);
  const sameDay = today.getFullYear() === d.getFullYear() && today.getMonth() === d.getMonth() && today.getDate() === d.getDate();
  return sameDay ? hm : date.slice(5);
}

/** A duration in the largest sensible unit: 45s, 12m, 3h, 2d. */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.round(h / 24)}d`;
}

/** When the next retry happens, relative to now: "in 5m", "due", or "" for none. */
export function formatNextAttempt(ms: number | null, now = Date.now()): string {
  if (ms === null || ms <= 0) return '';
  return ms <= now ? 'due' : `in ${formatDuration(ms - now)}`;
}

/** Bytes in B / KB / MB with at most one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** 1234567 → "1,234,567" (fixed locale: the console must not depend on LANG). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 email" / "3 emails". */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : words}`;
}
