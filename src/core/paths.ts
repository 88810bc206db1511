// Where the database lives: --db, else OUTBOUND_DB, else the XDG data directory.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  // XDG says relative values are invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME?.trim() || homedir(), '.local', 'share');
  return join(base, 'outbound', 'outbound.db');
}

export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag?.trim()) return flag;
  if (env.OUTBOUND_DB?.trim()) return env.OUTBOUND_DB;
  return defaultDbPath(env);
}
