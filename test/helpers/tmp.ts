// Temporary directories and database paths that vanish when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';

export function tmpDir(t: ExecutionContext, prefix = 'outbound-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tmpDbPath(t: ExecutionContext): string {
  return join(tmpDir(t), 'outbound.db');
}
