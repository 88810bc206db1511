// Runs the real `outbound` binary (node dist/cli.js; `npm test` builds it
// first) as a child process and collects its output and exit code.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmailJsonRow } from './types.js';

export const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Run this file instead of dist/cli.js (a symlink named sendmail…). */
  bin?: string;
  timeoutMs?: number;
}

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OUTBOUND_DB;
  delete env.OUTBOUND_SMTP_PASSWORD;
  delete env.OUTBOUND_SMTP_PASSWORD_FILE;
  delete env.OUTBOUND_ALIASES;
  delete env.OUTBOUND_SUBMIT_PASSWORD;
  delete env.NODE_OPTIONS;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { env: cleanEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Every Log row (`log --json --limit 0`). */
export async function logRows(db: string): Promise<EmailJsonRow[]> {
  const r = await runCli(['--db', db, 'log', '--json', '--limit', '0']);
  if (r.code !== 0) throw new Error(`log --json failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as EmailJsonRow[];
}

/** Runs a command that must succeed; returns its stdout. */
export async function ok(args: string[], options: RunOptions = {}): Promise<string> {
  const r = await runCli(args, options);
  if (r.code !== 0) throw new Error(`outbound ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
