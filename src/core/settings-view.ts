// The settings row as others may see it (never the password) and as the
// engine needs it (with the password, resolved from env/file/database).
import type { settings } from '../store/schema.js';
import type { EngineSettings } from '../delivery/engine.js';
import type { PublicSettings, Security, SettingsPatch } from '../types.js';
import type { ResolvedPassword } from './password.js';

export type SettingsRow = typeof settings.$inferSelect;

export function toPublicSettings(row: SettingsRow, password: ResolvedPassword): PublicSettings {
  return {
    host: row.host,
    port: row.port,
    user: row.username,
    passwordSource: password.source,
    passwordSet: password.password !== '',
    security: row.security as Security,
    verifyCertificates: row.verifyCertificates,
    daysToKeep: row.daysToKeep,
    defaultSender: row.defaultSender,
    maxConnections: row.maxConnections,
    rateLimit: row.rateLimitPerSecond,
    maxLifetimeHours: row.maxLifetimeHours,
    autoDelivery: row.autoDelivery,
    autoDeliveryChangedAt: row.autoDeliveryChangedAt || null,
    autoDeliveryChangedBy: row.autoDeliveryChangedBy || null,
    updatedAt: row.updatedAt || null,
    updatedBy: row.updatedBy || null,
  };
}

export function toEngineSettings(row: SettingsRow, password: ResolvedPassword): EngineSettings {
  return {
    host: row.host,
    port: row.port,
    user: row.username,
    password: password.password,
    security: row.security as Security,
    verifyCertificates: row.verifyCertificates,
    maxConnections: row.maxConnections,
    rateLimit: row.rateLimitPerSecond,
    maxLifetimeHours: row.maxLifetimeHours,
    autoDelivery: row.autoDelivery,
  };
}

/** A validated patch → the row's column names. */
export function toRowPatch(patch: SettingsPatch): Partial<SettingsRow> {
  const out: Partial<SettingsRow> = {};
  if (patch.host !== undefined) out.host = patch.host;
  if (patch.port !== undefined) out.port = patch.port;
  if (patch.user !== undefined) out.username = patch.user;
  if (patch.password !== undefined) out.password = patch.password;
  if (patch.security !== undefined) out.security = patch.security;
  if (patch.verifyCertificates !== undefined) out.verifyCertificates = patch.verifyCertificates;
  if (patch.daysToKeep !== undefined) out.daysToKeep = patch.daysToKeep;
  if (patch.defaultSender !== undefined) out.defaultSender = patch.defaultSender;
  if (patch.maxConnections !== undefined) out.maxConnections = patch.maxConnections;
  if (patch.rateLimit !== undefined) out.rateLimitPerSecond = patch.rateLimit;
  if (patch.maxLifetimeHours !== undefined) out.maxLifetimeHours = patch.maxLifetimeHours;
  if (patch.autoDelivery !== undefined) out.autoDelivery = patch.autoDelivery;
  return out;
}

/** "port 25 → 587, password changed": what the audit row says (never a password). */
export function describeSettingsChange(before: PublicSettings, patch: SettingsPatch): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof SettingsPatch, unknown][]) {
    if (key === 'password') {
      parts.push(value === '' ? 'password cleared' : 'password changed');
      continue;
    }
    const old = (before as unknown as Record<string, unknown>)[key];
    if (old === value) continue;
    parts.push(`${key} ${fmt(old)} → ${fmt(value)}`);
  }
  return parts.join(', ') || 'no change';
}

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
