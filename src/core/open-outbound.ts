// The composition root: one store, one delivery engine, one change watcher and
// the retention timer per process, behind the Outbound interface the console
// and the command line use. The SMTP password never leaves core/delivery.
//
// Start-up cost matters: `outbound enqueue` is one short process (budget ≤ 250 ms),
// so this module imports only what producers and the Log need, file by file (not
// the mail/ and delivery/ barrels). The delivery engine (pool, worker thread,
// SMTP transcripts), Test/Verify/Forward helpers and SMTP error classification are
// imported on first use, by operations that are async in the Outbound interface.
import { NotFoundError, ValidationError } from '../errors.js';
import { parseAddress } from '../mail/address.js';
import { hostPort } from '../mail/diagnosis.js';
import { validateSettingsPatch } from '../mail/settings-rules.js';
import { openStore, type Store } from '../store/open.js';
import * as emails from '../store/emails.js';
import { getSettingsRow, updateSettingsRow } from '../store/settings.js';
import * as directory from '../store/directory.js';
import { appendAudit, listAudit } from '../store/audit.js';
import { getUiState, setUiState } from '../store/ui-state.js';
import { parseFilter } from '../store/filter.js';
import { ChangeWatcher } from '../delivery/change-watcher.js';
import { cutoff, DAY_MS, purgeOld } from '../delivery/retention.js';
import { isLocalMta } from '../delivery/transport-options.js';
import type { DeliveryEngine } from '../delivery/engine.js';
import type { EmailDetail, EmailSummary, EnqueueInput, Outbound, OutboundOptions, PublicSettings, SettingsPatch, TestResult } from '../types.js';
import { defaultActor } from './actor.js';
import { ChangeEmitter } from './change-emitter.js';
import { enqueueMessages } from './enqueue.js';
import { enqueueRawMessage } from './enqueue-raw.js';
import { resolvePassword, type ResolvedPassword } from './password.js';
import { describeSettingsChange, toEngineSettings, toPublicSettings, toRowPatch, type SettingsRow } from './settings-view.js';

/** A row made by Send Now/Forward/Test is not due for the automatic loop until then: we claim it ourselves first. */
const SELF_CLAIM_GRACE_MS = 60_000;

export function openOutbound(options: OutboundOptions): Outbound {
  const store: Store = openStore(options.dbPath);
  try {
    return new OutboundImpl(store, options);
  } catch (err) {
    store.close();
    throw err;
  }
}

function summaryOf(d: EmailDetail): EmailSummary {
  const { bcc: _b, envelope: _e, lastAttemptAt: _l, templateId: _t, deskId: _d, raw: _r, attemptsHistory: _h, ...summary } = d;
  return summary;
}

function idList(ids: readonly number[]): string {
  const shown = ids.slice(0, 20).join(', ');
  return ids.length > 20 ? `${shown} … (+${ids.length - 20} more)` : shown;
}

class OutboundImpl implements Outbound {
  readonly dbPath: string;
  readonly actor: string;
  /** Null until first needed (start, Send Now, Forward, Test, Verify): see engineReady(). */
  private engine: DeliveryEngine | null = null;
  private engineLoading: Promise<DeliveryEngine> | null = null;
  private readonly emitter = new ChangeEmitter(100);
  private readonly watcher: ChangeWatcher;
  private readonly envPassword: ResolvedPassword | null;
  private row: SettingsRow;
  private started = false;
  private closing: Promise<void> | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private purging = false;

  constructor(private readonly store: Store, private readonly options: OutboundOptions) {
    this.dbPath = store.path;
    this.actor = options.actor ?? defaultActor();
    // The env/file password is read once: a file that changes later needs a restart, as with any daemon.
    const fixed = resolvePassword('', options.passwordFile);
    this.envPassword = fixed.source === 'none' ? null : fixed;
    this.row = getSettingsRow(store);
    this.watcher = new ChangeWatcher(store, options.pollMs ?? 250, () => this.onExternalChange());
  }

  /**
   * The delivery engine, imported and built on first use. A producer that only queues
   * never loads it (nor nodemailer's transports, the worker thread code, the SMTP
   * transcript and classification modules). Built with the settings current then;
   * reloadSettings() keeps it up to date afterwards.
   */
  private engineReady(): Promise<DeliveryEngine> {
    this.engineLoading ??= import('../delivery/engine.js').then(
      ({ DeliveryEngine }) => (this.engine = new DeliveryEngine(this.engineOptions())),
      (err: unknown) => {
        this.engineLoading = null; // a later call may try again
        throw err;
      },
    );
    return this.engineLoading;
  }

  private engineOptions(): ConstructorParameters<typeof DeliveryEngine>[0] {
    const options = this.options;
    return {
      store: this.store,
      settings: toEngineSettings(this.row, this.password()),
      leaseMs: options.leaseMs,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      connectionTimeoutMs: options.connectionTimeoutMs,
      socketTimeoutMs: options.socketTimeoutMs,
      deliver: options.deliver ?? true,
      onRecorded: () => this.emitter.emit('emails'),
      beforeSend: () => this.watcher.check(),
      onOutcome: options.onOutcome
        ? (o) => options.onOutcome!({ id: o.id, outcome: o.outcome, to: o.to, response: o.response, diagnosis: o.diagnosis })
        : undefined,
      onError: () => this.emitter.emit('emails'),
    };
  }

  // ---- settings -------------------------------------------------------------

  private password(): ResolvedPassword {
    return this.envPassword ?? resolvePassword(this.row.password, undefined, {});
  }

  private reloadSettings(): boolean {
    const next = getSettingsRow(this.store);
    const changed = JSON.stringify(next) !== JSON.stringify(this.row);
    this.row = next;
    if (changed) this.engine?.applySettings(toEngineSettings(next, this.password()));
    return changed;
  }

  private onExternalChange(): void {
    const settingsChanged = this.reloadSettings();
    this.engine?.wake();
    this.emitter.emit('external', 'emails', ...(settingsChanged ? (['settings'] as const) : []));
  }

  getSettings(): PublicSettings {
    // Read fresh (one row) but leave this.row to reloadSettings: it is what the engine runs with.
    const row = getSettingsRow(this.store);
    return toPublicSettings(row, this.envPassword ?? resolvePassword(row.password, undefined, {}));
  }

  updateSettings(patch: SettingsPatch): PublicSettings {
    const clean = validateSettingsPatch(patch);
    const before = this.getSettings();
    const rowPatch = toRowPatch(clean);
    const now = Date.now();
    if (clean.autoDelivery !== undefined && clean.autoDelivery !== before.autoDelivery) {
      rowPatch.autoDeliveryChangedAt = now;
      rowPatch.autoDeliveryChangedBy = this.actor;
    }
    rowPatch.updatedAt = now;
    rowPatch.updatedBy = this.actor;
    updateSettingsRow(this.store, rowPatch, this.actor);
    const { autoDelivery, ...rest } = clean;
    if (Object.keys(rest).length) appendAudit(this.store, { at: now, actor: this.actor, action: 'settings', detail: describeSettingsChange(before, rest) });
    if (autoDelivery !== undefined && autoDelivery !== before.autoDelivery) {
      appendAudit(this.store, { at: now, actor: this.actor, action: 'auto-delivery', detail: autoDelivery ? 'on' : 'off' });
    }
    this.reloadSettings();
    this.emitter.emit('settings');
    return toPublicSettings(this.row, this.password());
  }

  setAutoDelivery(on: boolean): void {
    if (typeof on !== 'boolean') throw new ValidationError('autoDelivery: must be on or off', 'autoDelivery');
    this.updateSettings({ autoDelivery: on });
  }

  // ---- producers ------------------------------------------------------------

  async enqueue(input: EnqueueInput) {
    const [result] = await this.enqueueMany([input]);
    return result!;
  }

  async enqueueMany(inputs: EnqueueInput[]) {
    if (!Array.isArray(inputs)) throw new ValidationError('messages: expected a list');
    const results = await enqueueMessages(this.store, inputs, getSettingsRow(this.store).defaultSender);
    this.afterEnqueue(results.length);
    return results;
  }

  enqueueRaw(input: Parameters<Outbound['enqueueRaw']>[0]) {
    const result = enqueueRawMessage(this.store, input, getSettingsRow(this.store).defaultSender);
    this.afterEnqueue(1);
    return result;
  }

  private afterEnqueue(n: number): void {
    if (n === 0) return;
    this.engine?.wake(); // not loaded: nothing here delivers (a console or serve will notice)
    this.emitter.emit('emails');
  }

  // ---- the Log ---------------------------------------------------------------

  listEmails(query: Parameters<Outbound['listEmails']>[0]) {
    return emails.listEmails(this.store, query);
  }
  countEmails(filter?: string) {
    return emails.countEmails(this.store, filter);
  }
  matchingIds(filter?: string, limit = 100_000) {
    return emails.matchingIds(this.store, filter, limit);
  }
  getEmail(id: number) {
    return emails.getEmail(this.store, id);
  }
  deleteEmails(ids: number[]) {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return 0;
    const n = emails.deleteEmails(this.store, unique);
    appendAudit(this.store, { at: Date.now(), actor: this.actor, action: 'delete', detail: `${n} of ${unique.length} email(s): ${idList(unique)}` });
    this.emitter.emit('emails');
    return n;
  }
  counts() {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return emails.counts(this.store, { startOfDay: d.getTime() });
  }
  activity() {
    const bucketMs = 60_000;
    const end = Math.floor(Date.now() / bucketMs) * bucketMs + bucketMs;
    return emails.activity(this.store, { since: end - 60 * bucketMs, bucketMs, buckets: 60 });
  }
  checkFilter(filter: string) {
    parseFilter(filter);
  }

  // ---- operator actions ----------------------------------------------------

  async sendNow(ids: number[], options: Parameters<Outbound['sendNow']>[1] = {}) {
    const unique = [...new Set(ids)];
    appendAudit(this.store, {
      at: Date.now(),
      actor: this.actor,
      action: 'send-now',
      detail: `${options.resend ? 'resend ' : ''}${unique.length} email(s): ${idList(unique)}`,
    });
    const engine = await this.engineReady();
    const result = await engine.sendNow(unique, options);
    this.emitter.emit('emails');
    return result;
  }

  async forward(id: number, to: string): Promise<EmailSummary> {
    const recipient = parseAddress(to, 'to');
    const original = emails.getEmail(this.store, id);
    if (!original) throw new NotFoundError(`email ${id} does not exist (outbound log shows the ids)`);
    const [{ forwardRow }, engine] = await Promise.all([import('./forward-row.js'), this.engineReady()]);
    const now = Date.now();
    const row = forwardRow(original, recipient, getSettingsRow(this.store).defaultSender, now, now + SELF_CLAIM_GRACE_MS);
    const [newId] = emails.insertEmails(this.store, [row]);
    appendAudit(this.store, { at: now, actor: this.actor, action: 'forward', detail: `email ${id} to ${recipient} as email ${newId}` });
    this.emitter.emit('emails');
    await engine.sendNow([newId!]);
    return summaryOf(emails.getEmail(this.store, newId!)!);
  }

  async sendTest(input: { to: string; subject?: string }): Promise<TestResult> {
    const [{ acceptedDiagnosis, testRow }, engine] = await Promise.all([import('./test-message.js'), this.engineReady()]);
    const s = this.getSettings();
    const localMta = isLocalMta(s.host);
    const now = Date.now();
    const row = await testRow(s, input, this.actor, now, now + SELF_CLAIM_GRACE_MS);
    const [id] = emails.insertEmails(this.store, [row]);
    this.emitter.emit('emails');
    const { claimed } = emails.claimIds(this.store, [id!], { now, leaseMs: this.options.leaseMs ?? 120_000, owner: engine.owner, resend: false });
    if (!claimed[0]) throw new Error(`test email ${id} was taken by another process before it could be sent`);
    const { outcome } = await engine.sendCaptured(claimed[0]);
    appendAudit(this.store, { at: Date.now(), actor: this.actor, action: 'test', detail: `email ${id} to ${row.to}: ${outcome.outcome}` });
    this.emitter.emit('emails');
    const ok = outcome.outcome === 'sent';
    return {
      ok,
      emailId: id,
      messageId: row.messageId,
      response: outcome.response,
      smtpCode: outcome.smtpCode ?? undefined,
      errorCode: outcome.errorCode || undefined,
      diagnosis: ok ? acceptedDiagnosis(hostPort(s.host, s.port), localMta, outcome.diagnosis) : outcome.diagnosis,
      transcript: outcome.transcript,
      localMta,
    };
  }

  async verify(): Promise<TestResult> {
    const [{ verifiedDiagnosis }, { classifySmtpError }, engine] = await Promise.all([
      import('./test-message.js'),
      import('../mail/classify.js'),
      this.engineReady(),
    ]);
    const s = this.getSettings();
    const localMta = isLocalMta(s.host);
    const hp = hostPort(s.host, s.port);
    const result = await engine.verify();
    if (result.ok) {
      return {
        ok: true,
        diagnosis: verifiedDiagnosis(hp, s.user, localMta, result.value.tls),
        transcript: result.transcript,
        localMta,
      };
    }
    const c = classifySmtpError(result.error, { host: s.host, port: s.port, user: s.user, security: s.security });
    return {
      ok: false,
      response: engine.redactText(c.response),
      smtpCode: c.smtpCode ?? undefined,
      errorCode: c.errorCode,
      diagnosis: engine.redactText(c.diagnosis),
      transcript: result.transcript,
      localMta,
    };
  }

  async purge(options: { olderThanDays?: number; dryRun?: boolean } = {}) {
    const days = options.olderThanDays ?? getSettingsRow(this.store).daysToKeep;
    if (!Number.isFinite(days) || days < 0 || days > 36500) {
      throw new ValidationError(`older-than: must be a number of days from 0 to 36500 (got ${days})`, 'olderThanDays');
    }
    const count = await purgeOld(this.store, { before: cutoff(days), dryRun: options.dryRun, cancelled: () => this.closing !== null });
    if (!options.dryRun) {
      appendAudit(this.store, { at: Date.now(), actor: this.actor, action: 'purge', detail: `${count} sent/failed email(s) older than ${days} day(s)` });
      if (count) this.emitter.emit('emails');
    }
    return { count };
  }

  private async retentionPurge(): Promise<void> {
    if (this.purging || this.closing) return;
    this.purging = true;
    try {
      const days = getSettingsRow(this.store).daysToKeep;
      const count = await purgeOld(this.store, { before: cutoff(days), cancelled: () => this.closing !== null });
      if (count > 0 && !this.closing) {
        appendAudit(this.store, { at: Date.now(), actor: `${this.actor} (retention)`, action: 'purge', detail: `${count} sent/failed email(s) older than ${days} day(s)` });
        this.emitter.emit('emails');
      }
    } catch {
      /* retried tomorrow; a locked database must not crash the console */
    } finally {
      this.purging = false;
    }
  }

  // ---- directory -------------------------------------------------------------

  templates = {
    list: () => directory.listTemplates(this.store),
    add: (name: string, from?: string) => directory.addTemplate(this.store, checkName(name, 'template'), from ?? ''),
    remove: (name: string) => directory.removeTemplate(this.store, name),
  };
  readers = {
    list: () => directory.listReaders(this.store),
    add: (name: string, reply: string) => directory.addReader(this.store, checkName(name, 'reader'), reply),
    remove: (name: string) => directory.removeReader(this.store, name),
  };
  desks = {
    list: () => directory.listDesks(this.store),
    add: (name: string, reader?: string) => directory.addDesk(this.store, checkName(name, 'desk'), reader),
    remove: (name: string) => directory.removeDesk(this.store, name),
  };

  audit(limit = 100) {
    return listAudit(this.store, limit);
  }

  getUiState<T>(key: string): T | undefined {
    return getUiState(this.store, key) as T | undefined;
  }
  setUiState(key: string, value: unknown): void {
    setUiState(this.store, key, value);
  }

  // ---- lifecycle -------------------------------------------------------------

  start(): void {
    if (this.started || this.closing) return;
    this.started = true;
    this.engineReady().then(
      (engine) => {
        if (!this.closing) engine.start();
      },
      () => this.emitter.emit('emails'), // cannot happen short of a broken install; Send Now retries the import
    );
    this.watcher.start();
    void this.retentionPurge();
    this.retentionTimer = setInterval(() => void this.retentionPurge(), DAY_MS);
  }

  inFlight(): number {
    return this.engine?.inFlight() ?? 0;
  }

  close(timeoutMs = 10_000): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      this.watcher.stop();
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      // An engine still loading (start() a moment ago) is awaited and stopped; one never
      // needed was never built: nothing of ours is leased, nothing to release.
      const engine = this.engineLoading ? await this.engineLoading.catch(() => null) : null;
      if (engine) await engine.stop(timeoutMs);
      this.emitter.close();
      this.store.close();
    })();
    return this.closing;
  }

  onChange(listener: Parameters<Outbound['onChange']>[0]) {
    return this.emitter.on(listener);
  }
}

function checkName(name: string, what: string): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n || n.length > 100 || /[\x00-\x1f\x7f]/.test(n)) throw new ValidationError(`${what} name: must be 1–100 printable characters`, 'name');
  return n;
}
