// The public types of outbound: what the core exposes to the console (src/tui)
// and the command line (src/cli). A leaf module every layer may import.
// Times are integer milliseconds since the epoch; null means "none".

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'deferred' | 'failed';
export const EMAIL_STATUSES: readonly EmailStatus[] = ['queued', 'sending', 'sent', 'deferred', 'failed'];

/** Which rule of the default-sender precedence chose the From address. */
export type FromSource = 'procedure' | 'template' | 'desk' | 'default';

export type Security = 'starttls' | 'require-starttls' | 'tls' | 'none';

/** Settings as anyone may see them: never the password itself. */
export interface PublicSettings {
  host: string;
  port: number;
  user: string;
  /** Where the password comes from; 'none' when no password is set anywhere. */
  passwordSource: 'database' | 'env' | 'file' | 'none';
  passwordSet: boolean;
  security: Security;
  verifyCertificates: boolean;
  daysToKeep: number;
  defaultSender: string;
  maxConnections: number;
  rateLimit: number; // messages per second, 0 = none
  maxLifetimeHours: number; // give up retrying after this long (default 120 = 5 days)
  autoDelivery: boolean;
  autoDeliveryChangedAt: number | null;
  autoDeliveryChangedBy: string | null;
  updatedAt: number | null;
  updatedBy: string | null;
}

/** Keys accepted by updateSettings (and `outbound settings set KEY=VALUE`). */
export interface SettingsPatch {
  host?: string;
  port?: number;
  user?: string;
  /** A new password; '' clears it. Never echoed back. */
  password?: string;
  security?: Security;
  verifyCertificates?: boolean;
  daysToKeep?: number;
  defaultSender?: string;
  maxConnections?: number;
  rateLimit?: number;
  maxLifetimeHours?: number;
  autoDelivery?: boolean;
}

/** One Log row, as shown in the table and printed by `outbound log --json`. */
export interface EmailSummary {
  id: number;
  createdAt: number;
  status: EmailStatus;
  from: string;
  fromSource: FromSource;
  to: string;
  cc: string;
  subject: string;
  attempts: number;
  nextAttemptAt: number | null;
  sentAt: number | null;
  lastError: string | null;
  smtpResponse: string | null;
  messageId: string;
  origin: string;
  size: number;
  forwardedFromId: number | null;
}

export interface DeliveryAttempt {
  id: number;
  startedAt: number;
  finishedAt: number;
  outcome: 'sent' | 'deferred' | 'failed';
  smtpCode: number | null;
  response: string;
  errorCode: string;
  diagnosis: string;
  transcript: string; // redacted: never the password
}

export interface EmailDetail extends EmailSummary {
  bcc: string;
  envelope: { from: string; to: string[] };
  lastAttemptAt: number | null;
  templateId: number | null;
  deskId: number | null;
  raw: Buffer;
  attemptsHistory: DeliveryAttempt[];
}

/** Log columns, by their JSON names; `--sort` and the console take these. */
export type SortColumn =
  | 'id' | 'createdAt' | 'status' | 'from' | 'fromSource' | 'to' | 'cc' | 'subject'
  | 'attempts' | 'nextAttemptAt' | 'sentAt' | 'lastError' | 'origin' | 'size';
export type SortDirection = 'asc' | 'desc';
export interface SortSpec { column: SortColumn; direction: SortDirection }

/** Keyset position of a row in a sorted Log: its sort value and id. */
export interface LogCursor { id: number; value: string | number }

export interface LogQuery {
  /** Filter expression (DESIGN.md language). Invalid → throws FilterError. */
  filter?: string;
  sort?: SortSpec; // default createdAt desc (ties by id desc)
  limit: number; // bounded by the store (max 1000)
  /** Rows strictly after this cursor in sort order. */
  after?: LogCursor;
  /** Rows strictly before this cursor in sort order (returned in sort order). */
  before?: LogCursor;
  /** The last `limit` rows of the sort order (the bottom of the table). */
  fromEnd?: boolean;
}

export interface LogPage {
  rows: EmailSummary[];
  /** Cursor of each row, same order as rows. */
  cursors: LogCursor[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

export interface QueueCounts {
  queued: number;
  deferred: number;
  sending: number;
  sent: number;
  failed: number;
  sentToday: number;
  total: number;
  /** Created time of the oldest queued or deferred row, null if none. */
  oldestQueuedAt: number | null;
}

/** Sent and failed deliveries per minute, oldest first (60 buckets = last hour). */
export interface Activity { sent: number[]; failed: number[] }

export interface EnqueueInput {
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  /** Step 1 of the precedence: the From the producer gave. */
  from?: string;
  /** Step 2: name of a message template. Unknown name → ValidationError. */
  template?: string;
  /** Step 3: name of a service desk. Unknown name → ValidationError. */
  desk?: string;
  origin?: string; // default 'cli'
  headers?: Record<string, string>;
}

/** A message already in RFC 5322 form (sendmail, SMTP submission). */
export interface EnqueueRawInput {
  raw: Buffer;
  /** Envelope sender; when absent the precedence chain chooses (header From is kept). */
  envelopeFrom?: string;
  recipients: string[];
  origin: string;
}

export interface EnqueueResult {
  id: number;
  status: EmailStatus;
  from: string;
  fromSource: FromSource;
  messageId: string;
}

export interface SendNowOptions {
  /** Also resend rows that are already sent or failed. */
  resend?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SendNowResult {
  sent: number[];
  deferred: number[];
  failed: number[];
  /** Rows not attempted: unknown id, already sending elsewhere, or sent/failed without resend. */
  skipped: { id: number; reason: string }[];
}

export interface TestResult {
  ok: boolean;
  /** Log row of the test email (absent for verify). */
  emailId?: number;
  messageId?: string;
  /** Final server reply, e.g. "250 2.0.0 Ok: queued as 1234". */
  response?: string;
  smtpCode?: number;
  errorCode?: string;
  /** One line in plain words. */
  diagnosis: string;
  /** SMTP conversation, redacted: never the password. */
  transcript: string;
  /** True when host is localhost: "sent" only means the local MTA accepted it. */
  localMta: boolean;
}

export interface Template { id: number; name: string; from: string }
export interface EmailReader { id: number; name: string; reply: string }
export interface ServiceDesk { id: number; name: string; reader: string | null }

export interface AuditEntry { id: number; at: number; actor: string; action: string; detail: string }

/** Emitted (throttled, at most ~10/s) when anything visible may have changed. */
export interface ChangeEvent {
  /** 'emails': Log rows/counts; 'settings': settings or auto-delivery; 'external': another process wrote. */
  kinds: ('emails' | 'settings' | 'external')[];
}

export interface OutboundOptions {
  dbPath: string;
  /** Who acts, for the audit log. Default: OS user + SSH client address. */
  actor?: string;
  /** Password file (overrides the database; OUTBOUND_SMTP_PASSWORD overrides both). */
  passwordFile?: string;
  /** Lease on claimed rows; a crashed process's rows return to the queue after it. Default 120000. */
  leaseMs?: number;
  /** Retry schedule: first delay, doubling up to max. Defaults 60000 and 3600000. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often to look for other processes' writes. Default 250. */
  pollMs?: number;
  /** Whether start() runs the automatic delivery loop (the console and serve do). Default true. */
  deliver?: boolean;
  /** SMTP timeouts (ms); tests shorten them. */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Called for each delivery outcome (serve logs one line per outcome). */
  onOutcome?: (o: { id: number; outcome: 'sent' | 'deferred' | 'failed'; to: string; response: string; diagnosis: string }) => void;
}

export interface Outbound {
  readonly dbPath: string;
  readonly actor: string;

  getSettings(): PublicSettings;
  /** Validates every field first (ValidationError names the field); writes nothing on error. Audited. */
  updateSettings(patch: SettingsPatch): PublicSettings;
  /** Audited; takes effect in every process within a second. */
  setAutoDelivery(on: boolean): void;

  /** Async because MIME composition (nodemailer's MailComposer) is stream-based; nothing is written on error. */
  enqueue(input: EnqueueInput): Promise<EnqueueResult>;
  /** One transaction for the batch; all or nothing. */
  enqueueMany(inputs: EnqueueInput[]): Promise<EnqueueResult[]>;
  enqueueRaw(input: EnqueueRawInput): EnqueueResult;

  listEmails(query: LogQuery): LogPage;
  countEmails(filter?: string): number;
  /** Ids of every row matching the filter (for "select all"), capped at `limit` (default 100000). */
  matchingIds(filter?: string, limit?: number): number[];
  getEmail(id: number): EmailDetail | undefined;
  /** Audited. Returns the number deleted. Rows being sent are not deleted. */
  deleteEmails(ids: number[]): number;
  counts(): QueueCounts;
  activity(): Activity;
  /** Throws FilterError if malformed; used to validate a filter as it is typed. */
  checkFilter(filter: string): void;

  /** Send Now: whatever the auto-delivery toggle. Audited. */
  sendNow(ids: number[], options?: SendNowOptions): Promise<SendNowResult>;
  /** Resend the message to a new address: a new linked row, delivered at once. Audited. */
  forward(id: number, to: string): Promise<EmailSummary>;
  sendTest(input: { to: string; subject?: string }): Promise<TestResult>;
  verify(): Promise<TestResult>;
  /** Deletes sent/failed rows older than the limit (default: settings.daysToKeep), in chunks. */
  purge(options?: { olderThanDays?: number; dryRun?: boolean }): Promise<{ count: number }>;

  templates: {
    list(): Template[];
    add(name: string, from?: string): Template;
    remove(name: string): boolean;
  };
  readers: {
    list(): EmailReader[];
    add(name: string, reply: string): EmailReader;
    remove(name: string): boolean;
  };
  desks: {
    list(): ServiceDesk[];
    add(name: string, reader?: string): ServiceDesk;
    remove(name: string): boolean;
  };
  audit(limit?: number): AuditEntry[];

  getUiState<T>(key: string): T | undefined;
  setUiState(key: string, value: unknown): void;

  /** Starts the delivery loop (if options.deliver), change watcher and retention timer. */
  start(): void;
  /** Number of messages this process is sending right now. */
  inFlight(): number;
  /** Stops claiming, waits for in-flight sends (up to timeoutMs), releases leases, closes the db. */
  close(timeoutMs?: number): Promise<void>;
  onChange(listener: (event: ChangeEvent) => void): () => void;
}
