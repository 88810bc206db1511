// Retry schedule for temporary failures: retryBaseMs after the first failure,
// doubling each time, capped at retryMaxMs; a message older than its lifetime
// is given up on (failed) instead of being retried again.

export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** Give up when the message is older than this (since created_at). */
  maxLifetimeMs: number;
}

/** Delay before the next attempt, given how many attempts were made before this one. */
export function retryDelay(previousAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(previousAttempts, 0), 40); // 2^40 overflows any sane max anyway
  return Math.min(policy.retryBaseMs * 2 ** exponent, policy.retryMaxMs);
}

export type RetryDecision = { retry: true; nextAttemptAt: number } | { retry: false; reason: string };

/**
 * After a temporary failure: retry at the scheduled time, unless that time lies
 * beyond the message's lifetime (then it fails now rather than waiting for nothing).
 */
export function decideRetry(createdAt: number, previousAttempts: number, now: number, policy: RetryPolicy): RetryDecision {
  const deadline = createdAt + policy.maxLifetimeMs;
  if (now >= deadline) {
    return { retry: false, reason: `gave up after ${formatHours(policy.maxLifetimeMs)} of retries` };
  }
  const nextAttemptAt = Math.min(now + retryDelay(previousAttempts, policy), deadline);
  return { retry: true, nextAttemptAt };
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} days`;
  return hours >= 1 ? `${+hours.toFixed(1)} h` : `${Math.round(ms / 60000)} min`;
}
