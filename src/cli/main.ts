// argv → command. Global options (--db, --help, --version) may come before
// the command name; every error ends as one line on stderr and an exit code:
// 2 for bad usage, 1 for a failed operation.
import { readFileSync } from 'node:fs';
import { COMMANDS, type CommandModule } from './commands.js';
import type { CommandContext } from './context.js';
import { CommandFailure, UsageError } from './usage-error.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function globalHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: outbound [--db PATH] [COMMAND] [OPTIONS]',
    '',
    "A server's outbound email: a durable SQLite queue relayed over SMTP, a console and a CLI.",
    'Without a command, opens the console.',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    '',
    'Global options:',
    '  --db PATH      database file (else $OUTBOUND_DB, else $XDG_DATA_HOME/outbound/outbound.db)',
    '  -h, --help     this help; `outbound COMMAND --help` for a command',
    '  -V, --version  print the version',
    '',
    'Exit status: 0 success, 1 the operation failed, 2 bad usage; except `check`',
    '(0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and `sendmail` (75: database busy, try later).',
    '',
  ].join('\n');
}

export function helpText(mod: CommandModule, ctx: CommandContext): string {
  const text = typeof mod.help === 'function' ? mod.help(ctx) : mod.help;
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Runs the command line. `invokedAs` is the program's file name: installed as
 * `sendmail` (or `mailq`, `newaliases`) it behaves as that program.
 */
export async function main(argv: string[], invokedAs = 'outbound'): Promise<number> {
  // `outbound log | head`: the reader went away. Stop writing, finish the
  // command quietly (a Send Now in progress still records its outcomes).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    process.stdout.destroy();
  });
  // A failure nobody awaited (a timer, a socket callback) still ends as one line.
  process.on('unhandledRejection', (err) => {
    process.exit(reportError(err));
  });
  try {
    if (invokedAs === 'sendmail') return await dispatch('sendmail', argv, {});
    if (invokedAs === 'mailq') return await dispatch('sendmail', ['-bp', ...argv], {});
    if (invokedAs === 'newaliases') return 0; // no alias database: nothing to rebuild
    return await runArgv(argv);
  } catch (err) {
    return reportError(err);
  }
}

async function runArgv(argv: string[]): Promise<number> {
  const ctx: Partial<CommandContext> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(globalHelp());
      return 0;
    }
    if (arg === '--version' || arg === '-V') {
      process.stdout.write(`outbound ${version()}\n`);
      return 0;
    }
    if (arg === '--db') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError('option --db needs a value (a database file path)');
      ctx.db = value;
      continue;
    }
    if (arg.startsWith('--db=')) {
      ctx.db = arg.slice(5);
      if (!ctx.db) throw new UsageError('option --db needs a value (a database file path)');
      continue;
    }
    throw new UsageError(`unknown option ${arg.split('=')[0]} (see outbound --help)`);
  }
  const name = argv[i] ?? 'tui';
  const rest = argv.slice(i + 1);
  if (name === 'help') {
    const topic = rest[0];
    if (!topic) {
      process.stdout.write(globalHelp());
      return 0;
    }
    return dispatch(topic, ['--help'], ctx);
  }
  return dispatch(name, rest, ctx);
}

async function dispatch(name: string, argv: string[], ctx: Partial<CommandContext>): Promise<number> {
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) throw new UsageError(`unknown command ${JSON.stringify(name)} (see outbound --help)`);
  const mod = await entry.load();
  const full: CommandContext = { ...ctx, command: name };
  if (wantsHelp(name, argv)) {
    process.stdout.write(helpText(mod, full));
    return 0;
  }
  return mod.run(argv, full);
}

/** `--help` anywhere before `--` (and `-h`, except for sendmail where -h is the hop count). */
function wantsHelp(name: string, argv: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || (arg === '-h' && name !== 'sendmail')) return true;
  }
  return false;
}

const FAILURES = new Set(['ValidationError', 'StoreError', 'NotFoundError', 'CommandFailure']);

/** One line on stderr, and the exit code for it. */
export function reportError(err: unknown): number {
  const e = err as { name?: string; message?: string; stack?: string };
  const message = String(e?.message ?? err).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (err instanceof UsageError || e?.name === 'FilterError') {
    process.stderr.write(`outbound: ${message}\n`);
    return 2;
  }
  if (err instanceof CommandFailure) {
    process.stderr.write(`outbound: ${message}\n`);
    return err.exitCode;
  }
  if (e?.name && FAILURES.has(e.name)) {
    process.stderr.write(`outbound: ${message}\n`);
    return 1;
  }
  // Unexpected: still one line; the stack only when asked for.
  process.stderr.write(`outbound: unexpected error: ${message}\n`);
  if (process.env.OUTBOUND_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  return 1;
}
