// Pure helpers of the Test tab: the default subject, the history entries and
// fitting a transcript into the lines available.
import { hostname } from 'node:os';
import type { TestResult } from '../../types.js';

export type TestKind = 'send' | 'verify';

export interface TestRun {
  kind: TestKind;
  to: string;
  startedAt: number;
  finishedAt: number;
  result: TestResult;
}

export function defaultSubject(now = Date.now(), host = hostname()): string {
  const d = new Date(now);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `outbound test from ${host} at ${hm}`;
}

/** A thrown error (bad address, database gone) as a failed result. */
export function errorResult(err: unknown): TestResult {
  return {
    ok: false,
    diagnosis: err instanceof Error ? err.message : String(err),
    transcript: '',
    localMta: false,
  };
}

export function summaryLine(run: TestRun): string {
  const r = run.result;
  const what = run.kind === 'verify' ? 'verify' : `send to ${run.to}`;
  const detail = r.response || r.diagnosis;
  return `${what}: ${r.ok ? 'ok' : 'FAILED'} — ${detail}`;
}

/** Transcript lines, without trailing blanks. */
export function transcriptLines(transcript: string): string[] {
  const lines = transcript.replace(/\r/g, '').split('\n');
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}
