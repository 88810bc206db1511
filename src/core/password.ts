// Where the SMTP password comes from: OUTBOUND_SMTP_PASSWORD, else a password
// file, else the database. The value stays inside core/delivery; everything
// else sees only its source.
import { readFileSync } from 'node:fs';
import { ValidationError } from '../errors.js';

export type PasswordSource = 'database' | 'env' | 'file' | 'none';

export interface ResolvedPassword {
  password: string;
  source: PasswordSource;
}

export function resolvePassword(dbPassword: string, passwordFile: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedPassword {
  const fromEnv = env.OUTBOUND_SMTP_PASSWORD;
  if (fromEnv) return { password: fromEnv, source: 'env' };
  if (passwordFile) return { password: readPasswordFile(passwordFile), source: 'file' };
  return dbPassword ? { password: dbPassword, source: 'database' } : { password: '', source: 'none' };
}

function readPasswordFile(path: string): string {
  try {
    // One line; the trailing newline editors add is not part of the password.
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ValidationError(`password file ${path}: cannot be read (${code}); check the path and its permissions`, 'passwordFile');
  }
}
