// Local recipients for sendmail. Cron, mdadm, logwatch and smartd mail a bare
// local name ("root"); a relay-only sendmail has no local mailboxes, so —
// like msmtp and ssmtp — we map such names through an aliases file
// (/etc/aliases format: "root: admin@example.com, ops@example.com", plus an
// optional "default: …" entry for every other local name).
import { readFileSync } from 'node:fs';
import { CommandFailure } from './usage-error.js';

export const DEFAULT_ALIASES_FILE = '/etc/aliases';

export type Aliases = Map<string, string[]>;

export function parseAliases(text: string): Aliases {
  const aliases: Aliases = new Map();
  // Continuation lines start with whitespace.
  const entries = text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const entry of entries) {
    const line = entry.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // Only addresses and other names: pipes, files and :include: mean nothing here.
    const targets = line
      .slice(colon + 1)
      .split(',')
      .map((s) => s.trim().replace(/^"|"$/g, ''))
      .filter((s) => s && !s.startsWith('|') && !s.startsWith('/') && !s.startsWith(':include:'));
    if (targets.length) aliases.set(name, targets);
  }
  return aliases;
}

/** The aliases file ($OUTBOUND_ALIASES, else /etc/aliases); empty when it does not exist. */
export function loadAliases(path = process.env.OUTBOUND_ALIASES || DEFAULT_ALIASES_FILE): { path: string; aliases: Aliases } {
  try {
    return { path, aliases: parseAliases(readFileSync(path, 'utf8')) };
  } catch {
    return { path, aliases: new Map() };
  }
}

function isLocalName(recipient: string): boolean {
  return !recipient.includes('@') && /^[A-Za-z0-9._+-]+$/.test(recipient);
}

/**
 * Replaces bare local names by their aliases (recursively, "default" as the
 * fallback); addresses with a domain pass unchanged. A local name without an
 * alias is an error that says how to fix it.
 */
export function resolveLocalRecipients(recipients: string[], loaded = loadAliases()): string[] {
  const out: string[] = [];
  const visit = (recipient: string, depth: number) => {
    const r = recipient.trim();
    if (!r) return;
    if (!isLocalName(r)) {
      out.push(r);
      return;
    }
    const targets = loaded.aliases.get(r.toLowerCase()) ?? loaded.aliases.get('default');
    if (!targets || depth > 8) {
      throw new CommandFailure(
        `sendmail: "${r}" is a local name and this relay has no local mailboxes: add "${r}: you@example.com" (or "default: you@example.com") to ${loaded.path}, or set OUTBOUND_ALIASES to such a file`,
      );
    }
    for (const t of targets) visit(t, depth + 1);
  };
  for (const recipient of recipients) for (const part of recipient.split(',')) visit(part, 0);
  return [...new Set(out)];
}
