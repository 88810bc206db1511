// Settings keys on the command line (the names of `settings show --json`)
// and the conversion of KEY=VALUE text into a typed SettingsPatch.
import type { PublicSettings, SettingsPatch } from '../types.js';
import { UsageError } from './usage-error.js';
import { ValidationError } from '../errors.js';

type Kind = 'string' | 'number' | 'boolean';

export const SETTINGS_KEYS: Record<Exclude<keyof SettingsPatch, 'password'>, Kind> = {
  host: 'string',
  port: 'number',
  user: 'string',
  security: 'string',
  verifyCertificates: 'boolean',
  daysToKeep: 'number',
  defaultSender: 'string',
  maxConnections: 'number',
  rateLimit: 'number',
  maxLifetimeHours: 'number',
  autoDelivery: 'boolean',
};

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/** KEY=VALUE… → patch. Unknown keys and password= are usage errors; bad values ValidationErrors. */
export function parseAssignments(assignments: string[]): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`settings: expected KEY=VALUE, not ${JSON.stringify(assignment)}`);
    const key = assignment.slice(0, eq);
    const value = assignment.slice(eq + 1);
    if (key === 'password') {
      throw new UsageError(
        'settings: the password is not accepted on the command line (ps and shell history would show it): use `settings set --password-stdin` or OUTBOUND_SMTP_PASSWORD',
      );
    }
    const kind = Object.hasOwn(SETTINGS_KEYS, key) ? SETTINGS_KEYS[key as keyof typeof SETTINGS_KEYS] : undefined;
    if (!kind) throw new UsageError(`settings: unknown key ${JSON.stringify(key)}; keys: ${Object.keys(SETTINGS_KEYS).join(', ')}`);
    if (Object.hasOwn(patch, key)) throw new UsageError(`settings: ${key} given twice`);
    if (kind === 'number') {
      if (!/^-?\d+$/.test(value.trim())) throw new ValidationError(`${key}: ${JSON.stringify(value)} is not a whole number`, key);
      patch[key] = Number(value.trim());
    } else if (kind === 'boolean') {
      const v = value.trim().toLowerCase();
      if (!TRUE.has(v) && !FALSE.has(v)) throw new ValidationError(`${key}: ${JSON.stringify(value)} is not true/false (or on/off, yes/no)`, key);
      patch[key] = TRUE.has(v);
    } else {
      patch[key] = value;
    }
  }
  return patch as SettingsPatch;
}

/** The settings as `settings show --json` prints them: never the password. */
export function settingsJson(s: PublicSettings): Record<string, unknown> {
  return {
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.passwordSet ? 'set' : 'not set',
    passwordSource: s.passwordSource,
    security: s.security,
    verifyCertificates: s.verifyCertificates,
    daysToKeep: s.daysToKeep,
    defaultSender: s.defaultSender,
    maxConnections: s.maxConnections,
    rateLimit: s.rateLimit,
    maxLifetimeHours: s.maxLifetimeHours,
    autoDelivery: s.autoDelivery,
  };
}
