// HOST:PORT for --listen, and whether a host is loopback.
import { isIP } from 'node:net';
import { UsageError } from './usage-error.js';

export interface ListenAddress { host: string; port: number }

/** "127.0.0.1:2525", "[::1]:2525", "localhost:2525" or just "2525" (loopback). */
export function parseListen(command: string, text: string): ListenAddress {
  let host = '127.0.0.1';
  let portText = text;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracket) {
    host = bracket[1]!;
    portText = bracket[2]!;
  } else if (text.includes(':')) {
    const at = text.lastIndexOf(':');
    host = text.slice(0, at);
    portText = text.slice(at + 1);
    if (host.includes(':')) throw new UsageError(`${command}: write an IPv6 address in brackets: --listen [${host}]:${portText}`);
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`${command}: --listen needs HOST:PORT with a port from 0 to 65535, not ${JSON.stringify(text)}`);
  }
  if (!host) throw new UsageError(`${command}: --listen needs HOST:PORT, not ${JSON.stringify(text)}`);
  return { host, port: Number(portText) };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}
