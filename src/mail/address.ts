// Address parsing and validation. nodemailer's addressparser does the RFC 5322
// tokenising (quotes, comments, angle brackets, groups); it is lenient by
// design, so every address it returns is checked here before we accept it.
import addressparser from 'nodemailer/lib/addressparser';
import { ValidationError } from '../errors.js';
import { assertHeaderSafe } from './header-safety.js';

/** One mailbox: an optional display name and the bare address. */
export interface Mailbox {
  name: string;
  address: string;
}

export interface ParseOptions {
  /** Accept RFC 5322 groups ("team: a@x, b@y;") and flatten them. Default false. */
  allowGroups?: boolean;
  /** Accept an empty list. Default true (callers decide what "required" means). */
  allowEmpty?: boolean;
}

// dot-atom text of RFC 5322 plus any non-ASCII character (SMTPUTF8 addresses).
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)*"$/;
// A DNS label: letters (any script), digits, inner hyphens; at most 63 characters.
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const IP_LITERAL = /^\[(?:(?:\d{1,3}\.){3}\d{1,3}|IPv6:[0-9A-Fa-f:.]+)\]$/;

/** True when `address` is a bare, syntactically valid mailbox address (local@domain). */
export function isValidAddress(address: string): boolean {
  if (!address || address.length > 320 || /[\s\0]/.test(address.replace(/"(?:[^"\\]|\\.)*"/g, 'q'))) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return false;
  if (!DOT_ATOM.test(local) && !QUOTED_LOCAL.test(local)) return false;
  return isValidDomain(domain);
}

/** A host name (one or more labels, trailing dot not allowed) or an address literal. */
export function isValidDomain(domain: string): boolean {
  if (IP_LITERAL.test(domain)) return true;
  if (domain.length > 253) return false;
  return domain.split('.').every((label) => LABEL.test(label));
}

function invalid(field: string, shown: string, hint = ''): ValidationError {
  return new ValidationError(`${field}: ${JSON.stringify(shown)} is not a valid email address${hint}`, field);
}

/**
 * Parses one header-style address list (or several, as an array) into
 * mailboxes, keeping display names. Rejects CR/LF/NUL, groups (unless allowed),
 * entries without an address and invalid addresses, naming `field`.
 */
export function parseMailboxList(input: string | readonly string[] | undefined | null, field: string, options: ParseOptions = {}): Mailbox[] {
  const parts = input == null ? [] : typeof input === 'string' ? [input] : input;
  const out: Mailbox[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') throw new ValidationError(`${field}: must be text`, field);
    assertHeaderSafe(part, field);
    if (!part.trim()) continue;
    for (const entry of addressparser(part)) {
      if (entry.group) {
        if (!options.allowGroups) {
          throw new ValidationError(
            `${field}: address groups ("${entry.name}: …;") are not supported; list the addresses separated by commas`,
            field,
          );
        }
        for (const member of entry.group) {
          if (member.group) continue; // addressparser flattens nesting; nothing to add
          out.push(checkMailbox(member, field, part));
        }
        continue;
      }
      out.push(checkMailbox(entry, field, part));
    }
  }
  if (out.length === 0 && options.allowEmpty === false) {
    throw new ValidationError(`${field}: at least one address is required`, field);
  }
  return out;
}

function checkMailbox(entry: { name: string; address?: string }, field: string, source: string): Mailbox {
  const address = (entry.address ?? '').trim();
  const name = (entry.name ?? '').trim();
  if (!address) throw invalid(field, name || source.trim());
  // "a@b c@d" parses as address a@b with display name "c@d": a missing comma,
  // not a name. Refuse rather than silently drop a recipient.
  if (/\S@\S/.test(name) && !source.includes('"')) {
    throw invalid(field, `${address} ${name}`, ' (separate addresses with commas)');
  }
  // "a b@example.com" parses as name "a", address "b@example.com": a typo
  // ("joe smith@corp.com") would silently mail someone else. A display name
  // must come with angle brackets ("Name <addr>"); a "(comment)" name is fine.
  if (name && !inAngleBrackets(source, address) && !source.includes('(')) {
    throw invalid(field, `${name} ${address}`, ' (remove the space, or write a display name as Name <address>)');
  }
  if (!isValidAddress(address)) throw invalid(field, address);
  return { name, address };
}

function inAngleBrackets(source: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<\\s*${escaped}\\s*>`, 'i').test(source);
}

/** Bare addresses of a list (see parseMailboxList). */
export function parseAddressList(input: string | readonly string[] | undefined | null, field: string, options: ParseOptions = {}): string[] {
  return parseMailboxList(input, field, options).map((m) => m.address);
}

/** Exactly one mailbox (with its display name). */
export function parseMailbox(input: string, field: string): Mailbox {
  const list = parseMailboxList(input, field);
  if (list.length === 0) throw new ValidationError(`${field}: an email address is required`, field);
  if (list.length > 1) {
    throw new ValidationError(`${field}: must be a single email address (got ${list.length})`, field);
  }
  return list[0]!;
}

/** Exactly one address, bare ("Name <a@b>" → "a@b"). */
export function parseAddress(input: string, field: string): string {
  return parseMailbox(input, field).address;
}

/** "Name <a@b>" for a mailbox with a name, else the bare address. Quotes names that need it. */
export function formatMailbox(m: Mailbox | string): string {
  if (typeof m === 'string') return m;
  if (!m.name) return m.address;
  const name = /^[\p{L}\p{N} !#$%&'*+\-/=?^_`{|}~.]*$/u.test(m.name) ? m.name : JSON.stringify(m.name);
  return `${name} <${m.address}>`;
}

/** A display string for a list: "Ann <a@x>, b@y". */
export function formatAddressList(list: readonly (Mailbox | string)[]): string {
  return list.map(formatMailbox).join(', ');
}

/** Envelope recipients: bare addresses, first occurrence kept, duplicates (case-insensitive) dropped. */
export function uniqueAddresses(lists: readonly (readonly (Mailbox | string)[])[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const m of list) {
      const address = typeof m === 'string' ? m : m.address;
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(address);
    }
  }
  return out;
}

/** The domain part of an address, lower-cased ("" when there is none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
