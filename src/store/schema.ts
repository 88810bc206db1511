// Drizzle schema: the single source of truth for the database layout.
// Timestamps are integer milliseconds since the epoch. Columns the Log can
// sort by are NOT NULL (0 / '' stand for "none") so that keyset paging can use
// plain indexes; the store maps those sentinels back to null for callers.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, blob, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  id: integer('id').primaryKey(), // always 1
  host: text('host').notNull().default('localhost'),
  port: integer('port').notNull().default(25),
  username: text('username').notNull().default(''),
  password: text('password').notNull().default(''),
  security: text('security').notNull().default('starttls'), // starttls | require-starttls | tls | none
  verifyCertificates: integer('verify_certificates', { mode: 'boolean' }).notNull().default(true),
  daysToKeep: integer('days_to_keep').notNull().default(30),
  defaultSender: text('default_sender').notNull().default(''),
  autoDelivery: integer('auto_delivery', { mode: 'boolean' }).notNull().default(false),
  autoDeliveryChangedAt: integer('auto_delivery_changed_at').notNull().default(0),
  autoDeliveryChangedBy: text('auto_delivery_changed_by').notNull().default(''),
  maxConnections: integer('max_connections').notNull().default(5),
  rateLimitPerSecond: integer('rate_limit_per_second').notNull().default(0),
  maxLifetimeHours: integer('max_lifetime_hours').notNull().default(120),
  updatedAt: integer('updated_at').notNull().default(0),
  updatedBy: text('updated_by').notNull().default(''),
});

export const emails = sqliteTable(
  'emails',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at').notNull(),
    status: text('status').notNull(), // queued | sending | sent | deferred | failed
    fromAddress: text('from_address').notNull(),
    fromSource: text('from_source').notNull(), // procedure | template | desk | default
    to: text('to').notNull(),
    cc: text('cc').notNull().default(''),
    bcc: text('bcc').notNull().default(''),
    envelope: text('envelope').notNull(), // JSON {from, to[]}
    subject: text('subject').notNull().default(''),
    size: integer('size').notNull(), // bytes of the raw message
    messageId: text('message_id').notNull().default(''),
    origin: text('origin').notNull().default('cli'),
    templateId: integer('template_id'),
    deskId: integer('desk_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    leaseUntil: integer('lease_until').notNull().default(0),
    leaseOwner: text('lease_owner').notNull().default(''),
    lastAttemptAt: integer('last_attempt_at').notNull().default(0),
    sentAt: integer('sent_at').notNull().default(0),
    lastError: text('last_error').notNull().default(''),
    smtpResponse: text('smtp_response').notNull().default(''),
    forwardedFromId: integer('forwarded_from_id'),
  },
  (t) => [
    index('emails_claim_idx').on(t.status, t.nextAttemptAt),
    // No (status, lease_until) index: rows in 'sending' are few (in flight), found via
    // emails_status_idx, and every extra index on status slows each claim and record.
    index('emails_created_idx').on(t.createdAt),
    index('emails_status_idx').on(t.status, t.id),
    index('emails_from_idx').on(t.fromAddress, t.id),
    index('emails_from_source_idx').on(t.fromSource, t.id),
    index('emails_to_idx').on(t.to, t.id),
    index('emails_cc_idx').on(t.cc, t.id),
    index('emails_subject_idx').on(t.subject, t.id),
    index('emails_attempts_idx').on(t.attempts, t.id),
    index('emails_next_attempt_idx').on(t.nextAttemptAt, t.id),
    index('emails_sent_idx').on(t.sentAt, t.id),
    index('emails_last_error_idx').on(t.lastError, t.id),
    index('emails_origin_idx').on(t.origin, t.id),
    index('emails_size_idx').on(t.size, t.id),
    index('emails_purge_idx').on(t.status, t.createdAt),
    index('emails_forwarded_from_idx').on(t.forwardedFromId),
    // An unknown status would silently break the trigger-maintained counters.
    check('emails_status_check', sql`${t.status} IN ('queued', 'sending', 'sent', 'deferred', 'failed')`),
    check('emails_from_source_check', sql`${t.fromSource} IN ('procedure', 'template', 'desk', 'default')`),
  ],
);

// The raw RFC 5322 message lives in its own table so that Log rows stay small
// (a few hundred bytes instead of kilobytes): sorting, filtering and counting a
// million-row Log then reads a fraction of the pages. Only getEmail and the
// delivery claim read it.
export const emailBodies = sqliteTable('email_bodies', {
  emailId: integer('email_id')
    .primaryKey()
    .references(() => emails.id, { onDelete: 'cascade' }),
  raw: blob('raw', { mode: 'buffer' }).notNull(),
});

export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    emailId: integer('email_id')
      .notNull()
      .references(() => emails.id, { onDelete: 'cascade' }),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    outcome: text('outcome').notNull(), // sent | deferred | failed
    smtpCode: integer('smtp_code'),
    response: text('response').notNull().default(''),
    errorCode: text('error_code').notNull().default(''),
    diagnosis: text('diagnosis').notNull().default(''),
    transcript: text('transcript').notNull().default(''), // redacted, capped
  },
  (t) => [
    index('attempts_email_idx').on(t.emailId),
    index('attempts_finished_idx').on(t.finishedAt, t.outcome),
    check('attempts_outcome_check', sql`${t.outcome} IN ('sent', 'deferred', 'failed')`),
  ],
);

export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    fromAddress: text('from_address').notNull().default(''),
  },
  (t) => [uniqueIndex('templates_name_idx').on(t.name)],
);

export const emailReaders = sqliteTable(
  'email_readers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    replyAddress: text('reply_address').notNull(),
  },
  (t) => [uniqueIndex('readers_name_idx').on(t.name)],
);

export const serviceDesks = sqliteTable(
  'service_desks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    emailReaderId: integer('email_reader_id').references(() => emailReaders.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('desks_name_idx').on(t.name)],
);

export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    detail: text('detail').notNull().default(''),
  },
  (t) => [index('audit_at_idx').on(t.at)],
);

// Queue counters kept by triggers so the status bar never scans the Log.
export const statusCounts = sqliteTable('status_counts', {
  status: text('status').primaryKey(),
  count: integer('count').notNull().default(0),
});

export const uiState = sqliteTable('ui_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
});
