// Recipients of `sendmail -t`: the To, Cc and Bcc headers, read leniently so
// that bare local names ("To: root", as cron writes) reach the aliases
// mapping instead of failing as invalid addresses. Real addresses are still
// validated by the core when the message is queued.
import { readHeaders } from '../mail/raw-message.js';

/** Splits an address list on commas outside quotes, comments and angle brackets. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (quoted || comment)) {
      current += c + (value[++i] ?? '');
      continue;
    }
    if (c === '"' && !comment) quoted = !quoted;
    else if (!quoted && c === '(') comment++;
    else if (!quoted && c === ')' && comment) comment--;
    else if (!quoted && !comment && c === '<') angle++;
    else if (!quoted && !comment && c === '>' && angle) angle--;
    if (c === ',' && !quoted && !angle && !comment) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function mailboxOf(part: string): string {
  let text = part.trim();
  // A group ("team: a@x, b@y;") — drop the display name and the terminator.
  text = text.replace(/^[^"<>()]*?:\s*/, '').replace(/;\s*$/, '');
  const angle = /<([^<>]*)>/.exec(text);
  if (angle) return angle[1]!.trim();
  return text.replace(/\((?:[^()\\]|\\.)*\)/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '').trim();
}

export function headerRecipients(raw: Buffer): string[] {
  const out: string[] = [];
  for (const h of readHeaders(raw)) {
    const name = h.name.toLowerCase();
    if (name !== 'to' && name !== 'cc' && name !== 'bcc') continue;
    for (const part of splitList(h.value)) {
      const mailbox = mailboxOf(part);
      if (mailbox) out.push(mailbox);
    }
  }
  return out;
}
