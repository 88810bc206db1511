// The Log row as the command line prints it: the JSON field names of
// DESIGN.md, timestamps as ISO 8601 strings.
import type { EmailSummary, SortColumn } from '../types.js';
import { iso, shortTime, type Column } from './output.js';

export const JSON_FIELDS = [
  'id', 'status', 'createdAt', 'sentAt', 'from', 'fromSource', 'to', 'cc', 'subject',
  'attempts', 'lastError', 'smtpResponse', 'messageId', 'origin',
] as const;

export type EmailJson = Record<(typeof JSON_FIELDS)[number], string | number | null>;

export function emailJson(e: EmailSummary): EmailJson {
  return {
    id: e.id,
    status: e.status,
    createdAt: iso(e.createdAt),
    sentAt: iso(e.sentAt),
    from: e.from,
    fromSource: e.fromSource,
    to: e.to,
    cc: e.cc,
    subject: e.subject,
    attempts: e.attempts,
    lastError: e.lastError || null,
    smtpResponse: e.smtpResponse || null,
    messageId: e.messageId,
    origin: e.origin,
  };
}

export const SORT_COLUMNS: readonly SortColumn[] = [
  'id', 'createdAt', 'status', 'from', 'fromSource', 'to', 'cc', 'subject',
  'attempts', 'nextAttemptAt', 'sentAt', 'lastError', 'origin', 'size',
];

export const TABLE_COLUMNS: Column<EmailSummary>[] = [
  { header: 'ID', value: (e) => String(e.id), right: true },
  { header: 'STATUS', value: (e) => e.status },
  { header: 'CREATED', value: (e) => shortTime(e.createdAt), drop: 3 },
  { header: 'FROM', value: (e) => e.from, flexible: true, min: 10, drop: 2 },
  { header: 'SOURCE', value: (e) => e.fromSource, drop: 1 },
  { header: 'TO', value: (e) => e.to, flexible: true, min: 10 },
  { header: 'SUBJECT', value: (e) => e.subject, flexible: true, min: 10 },
  { header: 'TRIES', value: (e) => String(e.attempts), right: true },
  { header: 'LAST ERROR / REPLY', value: (e) => e.lastError || e.smtpResponse || '', flexible: true, min: 12, drop: 0 },
];
