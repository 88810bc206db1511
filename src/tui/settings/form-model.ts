// The settings form as data: its fields, their initial values from the
// current settings, and the patch a save sends to outbound.updateSettings.
// Pure, so it is tested without rendering.
import type { PublicSettings, Security, SettingsPatch } from '../../types.js';

export type FieldKey =
  | 'host' | 'port' | 'user' | 'password' | 'clearPassword' | 'daysToKeep' | 'defaultSender'
  | 'security' | 'verifyCertificates' | 'maxConnections' | 'rateLimit' | 'maxLifetimeHours';

export type FieldKind = 'text' | 'password' | 'choice' | 'toggle';

export interface FieldDef {
  key: FieldKey;
  label: string;
  kind: FieldKind;
  placeholder?: string;
  choices?: readonly string[];
}

export const SECURITY_CHOICES: readonly Security[] = ['starttls', 'require-starttls', 'tls', 'none'];

export const SECURITY_HELP: Record<Security, string> = {
  starttls: 'encrypt with STARTTLS when the server offers it',
  'require-starttls': 'refuse to send unless STARTTLS works',
  tls: 'implicit TLS from the start (usually port 465)',
  none: 'no encryption: only for a local or trusted relay',
};

// The reference page's order first, then the transport knobs.
export const FIELDS: readonly FieldDef[] = [
  { key: 'host', label: 'Host Name', kind: 'text', placeholder: '(not set — e.g. smtp.example.com or localhost)' },
  { key: 'port', label: 'Port', kind: 'text', placeholder: '(e.g. 25 or 587)' },
  { key: 'user', label: 'User Name', kind: 'text', placeholder: '(none — only if the host needs a login)' },
  { key: 'password', label: 'Password', kind: 'password' },
  { key: 'clearPassword', label: 'Clear password', kind: 'toggle' },
  { key: 'daysToKeep', label: 'Days to Keep Logs', kind: 'text' },
  { key: 'defaultSender', label: 'Default Sender Email', kind: 'text', placeholder: '(not set — e.g. outbound@example.com)' },
  { key: 'security', label: 'Security', kind: 'choice', choices: SECURITY_CHOICES },
  { key: 'verifyCertificates', label: 'Verify certificates', kind: 'toggle' },
  { key: 'maxConnections', label: 'Max connections', kind: 'text' },
  { key: 'rateLimit', label: 'Rate limit (msg/s)', kind: 'text', placeholder: '(0 = no limit)' },
  { key: 'maxLifetimeHours', label: 'Retry for (hours)', kind: 'text' },
];

export type FormValues = {
  [K in FieldKey]: K extends 'clearPassword' | 'verifyCertificates' ? boolean : string;
};

export function initialValues(s: PublicSettings): FormValues {
  return {
    host: s.host,
    port: String(s.port),
    user: s.user,
    password: '', // typing replaces; empty keeps the current one
    clearPassword: false,
    daysToKeep: String(s.daysToKeep),
    defaultSender: s.defaultSender,
    security: s.security,
    verifyCertificates: s.verifyCertificates,
    maxConnections: String(s.maxConnections),
    rateLimit: String(s.rateLimit),
    maxLifetimeHours: String(s.maxLifetimeHours),
  };
}

/**
 * The changed fields only. Numbers go as typed text: the core's validation
 * parses them and names the field in its error ("port: must be a whole
 * number from 1 to 65535").
 */
export function toPatch(values: FormValues, s: PublicSettings): Record<string, unknown> {
  const before = initialValues(s);
  const patch: Record<string, unknown> = {};
  const texts = ['host', 'port', 'user', 'daysToKeep', 'defaultSender', 'security', 'maxConnections', 'rateLimit', 'maxLifetimeHours'] as const;
  for (const k of texts) if (values[k].trim() !== before[k].trim()) patch[k] = values[k];
  if (values.verifyCertificates !== before.verifyCertificates) patch.verifyCertificates = values.verifyCertificates;
  if (values.clearPassword) patch.password = '';
  else if (values.password !== '') patch.password = values.password;
  return patch;
}

/** A ValidationError's field, as a form field (unknown fields stay general). */
export function fieldOfError(field: string | undefined): FieldKey | undefined {
  if (!field) return undefined;
  return FIELDS.some((f) => f.key === field) ? (field as FieldKey) : undefined;
}

export function asSettingsPatch(patch: Record<string, unknown>): SettingsPatch {
  // The core validates and normalises text values ("587" → 587).
  return patch as SettingsPatch;
}

export function cycleChoice(choices: readonly string[], current: string, step: 1 | -1): string {
  const i = choices.indexOf(current);
  return choices[(i + step + choices.length) % choices.length] ?? choices[0]!;
}
