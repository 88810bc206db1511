// Validation of a settings change. The CLI passes strings ("587", "on"), the
// console and the core pass typed values; both come out normalised.
import { ValidationError } from '../errors.js';
import type { Security, SettingsPatch } from '../types.js';
import { isValidDomain, parseMailbox, formatMailbox } from './address.js';
import { assertHeaderSafe } from './header-safety.js';

export const SECURITY_MODES: readonly Security[] = ['starttls', 'require-starttls', 'tls', 'none'];

/** The keys validateSettingsPatch accepts, as `outbound settings set KEY=VALUE` spells them. */
export const SETTINGS_KEYS = [
  'host', 'port', 'user', 'password', 'security', 'verifyCertificates', 'daysToKeep',
  'defaultSender', 'maxConnections', 'rateLimit', 'maxLifetimeHours', 'autoDelivery',
] as const satisfies readonly (keyof SettingsPatch)[];

const shown = (v: unknown) => JSON.stringify(typeof v === 'string' ? v : String(v));

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ValidationError(`${field}: must be a whole number from ${min} to ${max} (got ${shown(value)})`, field);
  }
  return n;
}

const TRUE = new Set(['true', 'on', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'off', 'no', '0', 'n']);

function boolean(field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw new ValidationError(`${field}: must be on or off (true/false, yes/no; got ${shown(value)})`, field);
}

// A host name, an IPv4 address or an IPv6 address (bare or in brackets).
function host(value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(`host: must be a host name or IP address (got ${shown(value)})`, 'host');
  const h = value.trim();
  if (!h) throw new ValidationError('host: must not be empty (use localhost for this machine\'s own mail server)', 'host');
  if (/\s/.test(h)) throw new ValidationError(`host: must not contain spaces (got ${shown(value)})`, 'host');
  const bare = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  const ipv6 = bare.includes(':') && /^[0-9A-Fa-f:.]+(?:%\w+)?$/.test(bare);
  const withPort = /^([^:\s]+):(\d+)$/.exec(h);
  if (withPort) {
    throw new ValidationError(`host: give the port separately (host=${withPort[1]} port=${withPort[2]})`, 'host');
  }
  if (!ipv6 && !isValidDomain(bare.replace(/\.$/, ''))) {
    throw new ValidationError(`host: ${shown(value)} is not a valid host name or IP address`, 'host');
  }
  return ipv6 ? bare : bare.replace(/\.$/, '');
}

function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(`${field}: must be text (got ${shown(value)})`, field);
  assertHeaderSafe(value, field);
  return value;
}

/**
 * Validates and normalises a settings patch; unknown keys are refused.
 * Throws ValidationError(message, field) on the first bad field.
 * The password is checked for line breaks but never quoted back.
 */
export function validateSettingsPatch(patch: SettingsPatch | Record<string, unknown>): SettingsPatch {
  if (!patch || typeof patch !== 'object') throw new ValidationError('settings: expected KEY=VALUE pairs');
  const p = patch as Record<string, unknown>;
  const out: SettingsPatch = {};
  for (const key of Object.keys(p)) {
    if (!(SETTINGS_KEYS as readonly string[]).includes(key)) {
      throw new ValidationError(`${key}: unknown setting (known: ${SETTINGS_KEYS.join(', ')})`, key);
    }
  }
  if (p.host !== undefined) out.host = host(p.host);
  if (p.port !== undefined) out.port = wholeNumber('port', p.port, 1, 65535);
  if (p.user !== undefined) out.user = text('user', p.user).trim();
  if (p.password !== undefined) {
    if (typeof p.password !== 'string') throw new ValidationError('password: must be text', 'password');
    // Never echo the value: a password with a line break is usually a file's trailing newline.
    if (/[\r\n\0]/.test(p.password)) {
      throw new ValidationError('password: contains a line break or NUL (strip the trailing newline)', 'password');
    }
    out.password = p.password;
  }
  if (p.security !== undefined) {
    const s = typeof p.security === 'string' ? p.security.trim().toLowerCase() : '';
    if (!(SECURITY_MODES as readonly string[]).includes(s)) {
      throw new ValidationError(`security: must be one of ${SECURITY_MODES.join(', ')} (got ${shown(p.security)})`, 'security');
    }
    out.security = s as Security;
  }
  if (p.verifyCertificates !== undefined) out.verifyCertificates = boolean('verifyCertificates', p.verifyCertificates);
  if (p.daysToKeep !== undefined) out.daysToKeep = wholeNumber('daysToKeep', p.daysToKeep, 1, 3650);
  if (p.defaultSender !== undefined) {
    const v = text('defaultSender', p.defaultSender).trim();
    out.defaultSender = v === '' ? '' : formatMailbox(parseMailbox(v, 'defaultSender'));
  }
  if (p.maxConnections !== undefined) out.maxConnections = wholeNumber('maxConnections', p.maxConnections, 1, 50);
  if (p.rateLimit !== undefined) out.rateLimit = wholeNumber('rateLimit', p.rateLimit, 0, 10000);
  if (p.maxLifetimeHours !== undefined) out.maxLifetimeHours = wholeNumber('maxLifetimeHours', p.maxLifetimeHours, 1, 8760);
  if (p.autoDelivery !== undefined) out.autoDelivery = boolean('autoDelivery', p.autoDelivery);
  return out;
}
