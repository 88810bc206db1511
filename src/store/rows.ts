// Mapping between stored rows and the public types: the 0 / '' sentinels of sortable
// columns become null for callers.
import { emails } from './schema.js';
import type { EmailStatus, EmailSummary, FromSource, SortColumn } from '../types.js';

export const zeroToNull = (v: number): number | null => (v === 0 ? null : v);
export const emptyToNull = (v: string): string | null => (v === '' ? null : v);

/** The Log columns, without the raw message (a list never reads the blob). */
export const summaryColumns = {
  id: emails.id,
  createdAt: emails.createdAt,
  status: emails.status,
  fromAddress: emails.fromAddress,
  fromSource: emails.fromSource,
  to: emails.to,
  cc: emails.cc,
  subject: emails.subject,
  attempts: emails.attempts,
  nextAttemptAt: emails.nextAttemptAt,
  sentAt: emails.sentAt,
  lastError: emails.lastError,
  smtpResponse: emails.smtpResponse,
  messageId: emails.messageId,
  origin: emails.origin,
  size: emails.size,
  forwardedFromId: emails.forwardedFromId,
};

export interface SummaryRow {
  id: number;
  createdAt: number;
  status: string;
  fromAddress: string;
  fromSource: string;
  to: string;
  cc: string;
  subject: string;
  attempts: number;
  nextAttemptAt: number;
  sentAt: number;
  lastError: string;
  smtpResponse: string;
  messageId: string;
  origin: string;
  size: number;
  forwardedFromId: number | null;
}

export function toSummary(r: SummaryRow): EmailSummary {
  return {
    id: r.id,
    createdAt: r.createdAt,
    status: r.status as EmailStatus,
    from: r.fromAddress,
    fromSource: r.fromSource as FromSource,
    to: r.to,
    cc: r.cc,
    subject: r.subject,
    attempts: r.attempts,
    nextAttemptAt: zeroToNull(r.nextAttemptAt),
    sentAt: zeroToNull(r.sentAt),
    lastError: emptyToNull(r.lastError),
    smtpResponse: emptyToNull(r.smtpResponse),
    messageId: r.messageId,
    origin: r.origin,
    size: r.size,
    forwardedFromId: r.forwardedFromId,
  };
}

/** Each sortable Log column (by its JSON name) and the stored column that has an (x, id) index. */
export const SORT_COLUMNS = {
  id: emails.id,
  createdAt: emails.createdAt,
  status: emails.status,
  from: emails.fromAddress,
  fromSource: emails.fromSource,
  to: emails.to,
  cc: emails.cc,
  subject: emails.subject,
  attempts: emails.attempts,
  nextAttemptAt: emails.nextAttemptAt,
  sentAt: emails.sentAt,
  lastError: emails.lastError,
  origin: emails.origin,
  size: emails.size,
} as const satisfies Record<SortColumn, unknown>;

/** The stored sort value of a row (sentinels as stored: that is what the cursor compares). */
export function sortValue(r: SummaryRow, column: SortColumn): string | number {
  switch (column) {
    case 'from':
      return r.fromAddress;
    default:
      return r[column];
  }
}

export function parseEnvelope(json: string): { from: string; to: string[] } {
  const e = JSON.parse(json) as { from?: unknown; to?: unknown };
  return {
    from: typeof e.from === 'string' ? e.from : '',
    to: Array.isArray(e.to) ? e.to.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** Splits an id list into chunks that stay far below SQLite's bound-variable limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
