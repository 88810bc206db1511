// Turns SQLite / file-system failures into one-line StoreErrors an operator can act on.
import { StoreError } from '../errors.js';

interface CodedError { code?: unknown; message?: unknown }

function codeOf(err: unknown): string {
  const c = (err as CodedError | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(err: unknown): string {
  const m = (err as CodedError | null)?.message;
  return typeof m === 'string' ? m.split('\n')[0]! : String(err);
}

/** True for SQLITE_BUSY and its extended codes (another connection holds the lock). */
export function isBusy(err: unknown): boolean {
  return codeOf(err).startsWith('SQLITE_BUSY') || codeOf(err).startsWith('SQLITE_LOCKED');
}

export function lockedError(path: string, err: unknown): StoreError {
  return new StoreError(
    `database ${path} is locked by another process (${messageOf(err)}): try again or find the process with fuser ${path}`,
    'LOCKED',
  );
}

/** Maps an error thrown while opening or using `path` to a StoreError; returns other errors unchanged. */
export function translateStoreError(path: string, err: unknown): unknown {
  if (err instanceof StoreError) return err;
  const code = codeOf(err);
  if (code === 'SQLITE_NOTADB') {
    return new StoreError(
      `${path} is not an outbound database (file is not a database): check --db / OUTBOUND_DB`,
      'NOT_A_DATABASE',
    );
  }
  if (isBusy(err)) return lockedError(path, err);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code.startsWith('SQLITE_AUTH')) {
    return new StoreError(
      `cannot write database ${path}: permission denied (${messageOf(err)}): run as the user who owns it, or choose another file with --db / OUTBOUND_DB`,
      'PERMISSION',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EISDIR' || code === 'ENOTDIR') {
    return new StoreError(
      `cannot open database ${path} (${messageOf(err)}): check that the path is a file in a writable directory (--db / OUTBOUND_DB)`,
      'PERMISSION',
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      `database ${path} is corrupt (${messageOf(err)}): restore it from a backup or move it aside`,
      'CORRUPT',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreError(`database ${path}: disk is full (${messageOf(err)}): free some space and try again`, 'OTHER');
  }
  return err;
}
