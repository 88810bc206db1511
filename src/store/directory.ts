// Message templates, email readers and service desks (the sender-precedence sources).
import { asc, eq } from 'drizzle-orm';
import { emailReaders, messageTemplates, serviceDesks } from './schema.js';
import type { Store } from './open.js';
import { ValidationError } from '../errors.js';
import { formatMailbox, parseMailbox } from '../mail/address.js';
import type { EmailReader, ServiceDesk, Template } from '../types.js';

function checkName(kind: string, name: string): string {
  const n = name.trim();
  if (n === '') throw new ValidationError(`${kind} name must not be empty`, 'name');
  return n;
}

/**
 * One mailbox, display name kept ("Backups <backup@example.com>"): the From header
 * shows the name, the envelope and the Log's From column take the bare address
 * (chooseSender splits them). '' stays '' (no sender set).
 */
function normalizedMailbox(value: string, field: string): string {
  return value.trim() ? formatMailbox(parseMailbox(value.trim(), field)) : '';
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// --- templates -------------------------------------------------------------------------

export function listTemplates(store: Store): Template[] {
  return store.db
    .select({ id: messageTemplates.id, name: messageTemplates.name, from: messageTemplates.fromAddress })
    .from(messageTemplates)
    .orderBy(asc(messageTemplates.name))
    .all();
}

export function findTemplate(store: Store, name: string): Template | undefined {
  return store.db
    .select({ id: messageTemplates.id, name: messageTemplates.name, from: messageTemplates.fromAddress })
    .from(messageTemplates)
    .where(eq(messageTemplates.name, name.trim()))
    .get();
}

/** `from` '' means the template does not set a sender; else one mailbox, display name allowed. Duplicate name → ValidationError. */
export function addTemplate(store: Store, name: string, from = ''): Template {
  const n = checkName('template', name);
  const fromAddress = normalizedMailbox(from, 'from');
  try {
    const r = store.db.insert(messageTemplates).values({ name: n, fromAddress }).returning().get();
    return { id: r.id, name: r.name, from: r.fromAddress };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError(`template "${n}" already exists: remove it first or choose another name`, 'name');
    throw err;
  }
}

export function removeTemplate(store: Store, name: string): boolean {
  return store.db.delete(messageTemplates).where(eq(messageTemplates.name, name.trim())).run().changes > 0;
}

// --- readers ---------------------------------------------------------------------------

export function listReaders(store: Store): EmailReader[] {
  return store.db
    .select({ id: emailReaders.id, name: emailReaders.name, reply: emailReaders.replyAddress })
    .from(emailReaders)
    .orderBy(asc(emailReaders.name))
    .all();
}

export function findReader(store: Store, name: string): EmailReader | undefined {
  return store.db
    .select({ id: emailReaders.id, name: emailReaders.name, reply: emailReaders.replyAddress })
    .from(emailReaders)
    .where(eq(emailReaders.name, name.trim()))
    .get();
}

/** `reply` is one mailbox, display name allowed. */
export function addReader(store: Store, name: string, reply: string): EmailReader {
  const n = checkName('reader', name);
  const replyAddress = formatMailbox(parseMailbox(reply.trim(), 'reply'));
  try {
    const r = store.db.insert(emailReaders).values({ name: n, replyAddress }).returning().get();
    return { id: r.id, name: r.name, reply: r.replyAddress };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError(`reader "${n}" already exists: remove it first or choose another name`, 'name');
    throw err;
  }
}

/** Desks that used this reader keep existing, without a reader. */
export function removeReader(store: Store, name: string): boolean {
  return store.db.delete(emailReaders).where(eq(emailReaders.name, name.trim())).run().changes > 0;
}

// --- desks -----------------------------------------------------------------------------

export function listDesks(store: Store): ServiceDesk[] {
  return store.db
    .select({ id: serviceDesks.id, name: serviceDesks.name, reader: emailReaders.name })
    .from(serviceDesks)
    .leftJoin(emailReaders, eq(emailReaders.id, serviceDesks.emailReaderId))
    .orderBy(asc(serviceDesks.name))
    .all();
}

/** The desk and the Reply address of its reader (null when it has none). */
export function findDesk(store: Store, name: string): { id: number; name: string; replyAddress: string | null } | undefined {
  return store.db
    .select({ id: serviceDesks.id, name: serviceDesks.name, replyAddress: emailReaders.replyAddress })
    .from(serviceDesks)
    .leftJoin(emailReaders, eq(emailReaders.id, serviceDesks.emailReaderId))
    .where(eq(serviceDesks.name, name.trim()))
    .get();
}

/** `reader` is a reader's name; unknown → ValidationError. Duplicate desk name → ValidationError. */
export function addDesk(store: Store, name: string, reader?: string): ServiceDesk {
  const n = checkName('desk', name);
  let readerId: number | null = null;
  let readerName: string | null = null;
  if (reader !== undefined && reader.trim() !== '') {
    const r = findReader(store, reader);
    if (!r) {
      const known = listReaders(store).map((x) => x.name);
      throw new ValidationError(
        `unknown reader "${reader.trim()}"${known.length ? ` — known readers are ${known.join(', ')}` : ': add one first with `outbound readers add NAME --reply ADDRESS`'}`,
        'reader',
      );
    }
    readerId = r.id;
    readerName = r.name;
  }
  try {
    const d = store.db.insert(serviceDesks).values({ name: n, emailReaderId: readerId }).returning().get();
    return { id: d.id, name: d.name, reader: readerName };
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError(`desk "${n}" already exists: remove it first or choose another name`, 'name');
    throw err;
  }
}

export function removeDesk(store: Store, name: string): boolean {
  return store.db.delete(serviceDesks).where(eq(serviceDesks.name, name.trim())).run().changes > 0;
}
