// Settings → nodemailer SMTP options. One place decides what each security
// mode means, so the pooled transport, the test transport and verify agree.
import type { Security } from '../types.js';

/** What the engine needs to reach the relay. The password never leaves core/delivery. */
export interface RelaySettings {
  host: string;
  port: number;
  user: string;
  password: string;
  security: Security;
  verifyCertificates: boolean;
  maxConnections: number;
  /** Messages per second, 0 = unlimited. */
  rateLimit: number;
}

export interface TimeoutOptions {
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/** Everything that requires a new transport when it changes. */
export function relayKey(s: RelaySettings): string {
  return JSON.stringify([s.host, s.port, s.user, s.password, s.security, s.verifyCertificates, s.maxConnections, s.rateLimit]);
}

export function isLocalMta(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '127.0.0.1' || h === '::1';
}

/** Human label of the relay for transcripts and diagnoses: "smtp.example.com:587 (STARTTLS required)". */
export function describeRelay(s: Pick<RelaySettings, 'host' | 'port' | 'security'>): string {
  const mode = {
    starttls: 'STARTTLS if offered',
    'require-starttls': 'STARTTLS required',
    tls: 'implicit TLS',
    none: 'no TLS',
  }[s.security];
  return `${s.host}:${s.port} (${mode})`;
}

export function smtpOptions(s: RelaySettings, timeouts: TimeoutOptions) {
  const connectionTimeout = timeouts.connectionTimeoutMs ?? 30_000;
  return {
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'require-starttls',
    ignoreTLS: s.security === 'none',
    // Opportunistic STARTTLS is nodemailer's default when neither flag is set.
    tls: { rejectUnauthorized: s.verifyCertificates, servername: serverName(s.host) },
    auth: s.user ? { user: s.user, pass: s.password } : undefined,
    connectionTimeout,
    // A server that accepts the connection but never greets us is as dead as one that refuses.
    greetingTimeout: Math.min(connectionTimeout, 30_000),
    socketTimeout: timeouts.socketTimeoutMs ?? 60_000,
    dnsTimeout: Math.min(connectionTimeout, 30_000),
  };
}

/** SNI must be a host name, never an IP literal (Node warns and servers ignore it). */
function serverName(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}
