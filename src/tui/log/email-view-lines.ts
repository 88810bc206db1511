// The text of the email view (Enter), as lines already wrapped to the screen
// width: headers with why the sender was chosen, the decoded body, every
// delivery attempt with its transcript — or the raw message (`r`).
import type { EmailDetail, FromSource } from '../../types.js';
import { formatCount, formatNextAttempt, formatSize, formatTime } from './format.js';
import { cleanCell, displayWidth } from './text-width.js';

export const FROM_SOURCE_WHY: Record<FromSource, string> = {
  procedure: 'given by the producer (the Send Email step)',
  template: 'the From of the linked message template',
  desk: "the Reply address of the service desk's email reader",
  default: 'the Default Sender Email of Settings',
};

/** Raw messages beyond this are shown cut (a view is for reading, not for attachments). */
export const RAW_VIEW_MAX = 1024 * 1024;

/** Break one line of text into pieces of at most `width` cells: at a space when there is one, else hard. */
export function wrapLine(text: string, width: number): string[] {
  const line = cleanCell(text.replace(/\t/g, '    '));
  if (width <= 0 || displayWidth(line) <= width) return [line];
  const out: string[] = [];
  let chars = [...line];
  while (chars.length > 0) {
    let used = 0;
    let cut = 0;
    while (cut < chars.length && used + displayWidth(chars[cut]!) <= width) used += displayWidth(chars[cut++]!);
    if (cut >= chars.length) {
      out.push(chars.join(''));
      break;
    }
    // Prefer the last space in the second half of the piece, so words stay whole.
    const space = chars.lastIndexOf(' ', cut);
    const at = space > cut / 2 ? space : cut;
    out.push(chars.slice(0, at).join('').trimEnd());
    chars = chars.slice(at === space ? at + 1 : at);
  }
  return out;
}

export function wrapText(text: string, width: number): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n').flatMap((l) => wrapLine(l, width));
}

const LABEL = 14;
function field(label: string, value: string, width: number): string[] {
  const pad = `${label}:`.padEnd(LABEL);
  const lines = wrapLine(value, Math.max(10, width - LABEL));
  return lines.map((l, i) => (i === 0 ? pad : ' '.repeat(LABEL)) + l);
}

function rule(title: string, width: number): string {
  const head = `── ${title} `;
  return head + '─'.repeat(Math.max(0, width - displayWidth(head)));
}

export interface ViewBody {
  /** Decoded text (or stripped HTML); undefined while decoding. */
  text?: string;
  error?: string;
}

export function summaryLines(e: EmailDetail, body: ViewBody, width: number, now = Date.now()): string[] {
  const lines: string[] = [];
  const add = (label: string, value: string | number | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    lines.push(...field(label, String(value), width));
  };
  add('ID', e.id);
  add('From', `${e.from}  (why: ${e.fromSource} — ${FROM_SOURCE_WHY[e.fromSource]})`);
  if (e.envelope.from && e.envelope.from !== e.from) add('Envelope from', e.envelope.from);
  add('To', e.to);
  add('Cc', e.cc);
  add('Bcc', e.bcc);
  add('Subject', e.subject || '(no subject)');
  add('Date', formatTime(e.createdAt, 19, now));
  const next = formatNextAttempt(e.nextAttemptAt, now);
  add('Status', `${e.status} · ${e.attempts} ${e.attempts === 1 ? 'attempt' : 'attempts'}${next ? ` · next attempt ${next}` : ''}${e.sentAt ? ` · sent ${formatTime(e.sentAt, 19, now)}` : ''}`);
  add('Last error', e.lastError);
  add('Server reply', e.smtpResponse);
  add('Message-ID', e.messageId);
  add('Origin', e.origin);
  if (e.forwardedFromId !== null) add('Forwarded from', `email ${e.forwardedFromId}`);
  add('Size', formatSize(e.size));
  lines.push('');
  lines.push(rule('Message', width));
  if (body.error) lines.push(...wrapText(`(could not decode the body: ${body.error})`, width));
  else if (body.text === undefined) lines.push('(decoding…)');
  else lines.push(...wrapText(body.text.trimEnd() || '(empty body)', width));
  lines.push('');
  lines.push(rule(`Delivery attempts (${formatCount(e.attemptsHistory.length)})`, width));
  if (e.attemptsHistory.length === 0) lines.push('(none yet)');
  for (const a of e.attemptsHistory) {
    const reply = a.response || a.errorCode;
    // The reply usually starts with its code already ("250 2.0.0 Ok"); don't say it twice.
    const code = a.smtpCode && !reply.startsWith(String(a.smtpCode)) ? `${a.smtpCode} ` : '';
    lines.push(...wrapLine(`${formatTime(a.startedAt, 19, now)}  ${a.outcome.toUpperCase()}  ${code}${reply}`, width));
    if (a.diagnosis) lines.push(...wrapLine(`  ${a.diagnosis}`, width));
    if (a.transcript) lines.push(...wrapText(a.transcript.trimEnd(), width - 4).map((l) => `    ${l}`));
    lines.push('');
  }
  return lines;
}

export function rawLines(raw: Buffer, width: number, id: number): string[] {
  const cut = raw.length > RAW_VIEW_MAX;
  const text = raw.subarray(0, RAW_VIEW_MAX).toString('utf8');
  const lines = wrapText(text, width);
  if (cut) lines.push('', `(raw message cut at ${formatSize(RAW_VIEW_MAX)} of ${formatSize(raw.length)}: \`outbound view ${id} --raw\` prints it all)`);
  return lines;
}
