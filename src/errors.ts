// Expected failures carry a one-line message meant for the operator; the CLI
// prints `message` alone (no stack) and the console shows it inline.

/** Bad input: a field, flag or argument the user can correct. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

/** A malformed filter expression; `position` is the character offset of the problem. */
export class FilterError extends Error {
  override name = 'FilterError';
  constructor(message: string, readonly position = 0) {
    super(message);
  }
}

/** The database cannot be used: not a database, from a newer version, locked, unreadable. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly code: 'NOT_A_DATABASE' | 'NEWER_VERSION' | 'LOCKED' | 'PERMISSION' | 'CORRUPT' | 'OTHER',
  ) {
    super(message);
  }
}

/** An id that does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
