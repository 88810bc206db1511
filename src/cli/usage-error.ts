// Errors the command line raises itself. A UsageError means the command was
// called wrongly (exit 2); a CommandFailure means it ran and the operation did
// not succeed (exit 1) — both print one line, never a stack.

export class UsageError extends Error {
  override name = 'UsageError';
}

export class CommandFailure extends Error {
  override name = 'CommandFailure';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
