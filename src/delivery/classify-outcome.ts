// Turns the result of one SMTP attempt into the Outcome we store: sent, or a
// classified failure that is retried (deferred, with backoff, within the
// message's lifetime) or given up on (failed).
import type { Outcome } from '../store/emails.js';
import { classifySmtpError } from '../mail/index.js';
import { decideRetry, type RetryPolicy } from './backoff.js';
import type { SendResult } from './transport.js';

export interface AttemptContext {
  id: number;
  owner: string;
  createdAt: number;
  /** Attempts made before this one. */
  attempts: number;
  startedAt: number;
  host: string;
  port: number;
  user: string;
}

/** Leading 3-digit code of a reply ("250 2.0.0 Ok" → 250). */
export function replyCode(response: string): number | null {
  const m = /^(\d{3})[ -]/.exec(response);
  return m ? Number(m[1]) : null;
}

export function sentOutcome(ctx: AttemptContext, result: SendResult, transcript: string): Outcome {
  const response = result.response;
  const partial = result.rejected.length
    ? `Accepted for ${result.accepted.length} of ${result.accepted.length + result.rejected.length} recipients; refused: ${result.rejected.join(', ')}`
    : '';
  return {
    id: ctx.id,
    owner: ctx.owner,
    outcome: 'sent',
    startedAt: ctx.startedAt,
    finishedAt: Date.now(),
    smtpCode: replyCode(response),
    response,
    errorCode: '',
    diagnosis: partial,
    transcript,
  };
}

export interface FailureOutcome extends Outcome {
  kind: 'temporary' | 'permanent' | 'config';
}

export function failedOutcome(ctx: AttemptContext, err: unknown, policy: RetryPolicy, transcript: string): FailureOutcome {
  const c = classifySmtpError(err, { host: ctx.host, port: ctx.port, user: ctx.user });
  const now = Date.now();
  const base = {
    id: ctx.id,
    owner: ctx.owner,
    startedAt: ctx.startedAt,
    finishedAt: now,
    smtpCode: c.smtpCode,
    response: c.response,
    errorCode: c.errorCode,
    transcript,
    kind: c.kind,
  };
  if (c.kind === 'permanent') return { ...base, outcome: 'failed', diagnosis: c.diagnosis };
  const decision = decideRetry(ctx.createdAt, ctx.attempts, now, policy);
  if (!decision.retry) return { ...base, outcome: 'failed', diagnosis: `${c.diagnosis} — ${decision.reason}` };
  return { ...base, outcome: 'deferred', diagnosis: c.diagnosis, nextAttemptAt: decision.nextAttemptAt };
}
