// Enqueue: resolve the sender (procedure → template → desk → default), compose
// each message ONCE with MailComposer, store the raw bytes. Everything is
// validated before anything is written; a batch is one transaction.
import { ValidationError } from '../errors.js';
import { composeMany, type ComposeInput } from '../mail/compose.js';
import { chooseSender, type ChosenSender } from '../mail/sender.js';
import type { Store } from '../store/open.js';
import { insertEmails, type NewEmail } from '../store/emails.js';
import { findDesk, findTemplate } from '../store/directory.js';
import type { EnqueueInput, EnqueueResult } from '../types.js';

interface Resolved {
  sender: ChosenSender;
  templateId: number | null;
  deskId: number | null;
  origin: string;
}

/** An origin label is shown in the Log and filtered on: one short line of printable text. */
export function checkOrigin(origin: string | undefined, fallback: string): string {
  const value = (origin ?? fallback).trim();
  if (!value || value.length > 64 || /[\x00-\x1f\x7f]/.test(value)) {
    throw new ValidationError('origin: must be 1–64 printable characters (e.g. cli, backup-job)', 'origin');
  }
  return value;
}

export function resolveSenders(store: Store, inputs: readonly EnqueueInput[], defaultSender: string): Resolved[] {
  const templates = new Map<string, { id: number; from: string }>();
  const desks = new Map<string, { id: number; reply: string }>();
  return inputs.map((input, i) => {
    try {
      if (input == null || typeof input !== 'object') throw new ValidationError('message: expected an object');
      let template: { id: number; from: string } | undefined;
      if (input.template !== undefined && input.template !== '') {
        template = templates.get(input.template);
        if (!template) {
          const t = findTemplate(store, input.template);
          if (!t) throw new ValidationError(`template: no message template named ${JSON.stringify(input.template)} (outbound templates list)`, 'template');
          template = { id: t.id, from: t.from };
          templates.set(input.template, template);
        }
      }
      let desk: { id: number; reply: string } | undefined;
      if (input.desk !== undefined && input.desk !== '') {
        desk = desks.get(input.desk);
        if (!desk) {
          const d = findDesk(store, input.desk);
          if (!d) throw new ValidationError(`desk: no service desk named ${JSON.stringify(input.desk)} (outbound desks list)`, 'desk');
          desk = { id: d.id, reply: d.replyAddress ?? '' };
          desks.set(input.desk, desk);
        }
      }
      const sender = chooseSender({ procedure: input.from, template: template?.from, desk: desk?.reply, fallback: defaultSender });
      return { sender, templateId: template?.id ?? null, deskId: desk?.id ?? null, origin: checkOrigin(input.origin, 'cli') };
    } catch (err) {
      if (err instanceof ValidationError && inputs.length > 1) throw new ValidationError(`message ${i + 1}: ${err.message}`, err.field);
      throw err;
    }
  });
}

export async function enqueueMessages(store: Store, inputs: readonly EnqueueInput[], defaultSender: string, now = Date.now()): Promise<EnqueueResult[]> {
  if (!Array.isArray(inputs) || inputs.length === 0) return [];
  const resolved = resolveSenders(store, inputs, defaultSender);
  const composeInputs: ComposeInput[] = inputs.map((input, i) => ({
    from: resolved[i]!.sender.header,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: input.text,
    html: input.html,
    headers: input.headers,
    date: now,
  }));
  const composed = await composeMany(composeInputs);
  const rows: NewEmail[] = composed.map((c, i) => ({
    createdAt: now,
    status: 'queued',
    fromAddress: resolved[i]!.sender.address,
    fromSource: resolved[i]!.sender.source,
    to: c.display.to,
    cc: c.display.cc,
    bcc: c.display.bcc,
    envelope: c.envelope,
    subject: c.subject,
    raw: c.raw,
    messageId: c.messageId,
    origin: resolved[i]!.origin,
    templateId: resolved[i]!.templateId,
    deskId: resolved[i]!.deskId,
  }));
  const ids = insertEmails(store, rows);
  return ids.map((id, i) => ({
    id,
    status: 'queued' as const,
    from: rows[i]!.fromAddress,
    fromSource: rows[i]!.fromSource,
    messageId: rows[i]!.messageId,
  }));
}
