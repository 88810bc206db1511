// The error contract: exit code, exactly one line on stderr starting with
// "outbound: ", no stack trace, nothing on stdout.
import type { ExecutionContext } from 'ava';
import type { CliResult } from './run-cli.js';

export function assertOneLineError(t: ExecutionContext, r: CliResult, code: number, pattern?: RegExp): void {
  t.is(r.code, code, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  t.is(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  t.regex(lines[0] ?? '', /^outbound: \S/);
  t.notRegex(r.stderr, /\n\s+at /, 'no stack trace');
  if (pattern) t.regex(lines[0] ?? '', pattern);
}
