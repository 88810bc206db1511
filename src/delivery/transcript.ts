// SMTP conversation capture. nodemailer hands every protocol line to a
// bunyan-style logger when `debug` is on; we keep them as "C: …" / "S: …"
// lines, redact secrets (the password, AUTH payloads) and cap the size so a
// stored attempt never grows past ~8 KB.
import { format } from 'node:util';
import { emptySessionFacts, observeSessionLine, type SessionFacts } from './session-facts.js';

export const TRANSCRIPT_CAP = 8 * 1024;

export interface TranscriptLogger {
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): void;
}

export interface Transcript {
  /** Pass as nodemailer's `logger` (with `debug: true`). */
  logger: TranscriptLogger;
  /** Adds a line of our own (connection target, final outcome). */
  note(line: string): void;
  /** The captured text, redacted and capped. */
  text(): string;
  /** TLS, AUTH offered, logged in: read from every line, even past the cap. */
  session(): SessionFacts;
}

/**
 * `redact` is applied to the whole text when it is read, so a secret split
 * across log calls is still caught; lines are bounded while capturing so a
 * long conversation costs no more than the cap.
 */
export function captureTranscript(redact: (text: string) => string, cap = TRANSCRIPT_CAP): Transcript {
  const lines: string[] = [];
  let size = 0;
  let truncated = false;
  const facts = emptySessionFacts();
  const push = (line: string) => {
    observeSessionLine(facts, line);
    if (truncated) return;
    if (size + line.length + 1 > cap * 2) {
      truncated = true;
      return;
    }
    lines.push(line);
    size += line.length + 1;
  };
  const log = (entry: unknown, message?: unknown, ...args: unknown[]) => {
    let meta: { tnx?: string } = {};
    let text: string;
    if (typeof entry === 'string') {
      text = format(entry, ...(message === undefined ? [] : [message]), ...args);
    } else {
      meta = (entry ?? {}) as { tnx?: string };
      text = typeof message === 'string' ? format(message, ...args) : '';
    }
    const prefix = meta.tnx === 'client' ? 'C: ' : meta.tnx === 'server' ? 'S: ' : '* ';
    for (const line of text.split(/\r?\n/)) if (line.length) push(prefix + line);
  };
  const logger: TranscriptLogger = { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
  return {
    logger,
    note: (line) => push('* ' + line),
    text() {
      return capText(redact(lines.join('\n')) + (truncated ? '\n* … transcript truncated' : ''), cap);
    },
    session: () => ({ ...facts }),
  };
}

/** Keeps at most `cap` bytes-ish (characters), marking the cut. */
export function capText(text: string, cap = TRANSCRIPT_CAP): string {
  if (text.length <= cap) return text;
  return text.slice(0, cap - 32) + '\n* … transcript truncated';
}

/**
 * A short transcript for a failure in the pooled (uncaptured) path, built from
 * what the error tells us: where we connected, the command that failed, the reply.
 */
export function synthesizeTranscript(target: string, err: { command?: string; response?: string; code?: string; message?: string }): string {
  const lines = [`* ${target}`];
  if (err.command) lines.push(`C: ${err.command}`);
  if (err.response) lines.push(...String(err.response).split(/\r?\n/).map((l) => `S: ${l}`));
  else if (err.message) lines.push(`* error${err.code ? ` ${err.code}` : ''}: ${err.message}`);
  lines.push('* (full conversation not captured for bulk sends; `outbound test` shows one)');
  return lines.join('\n');
}
