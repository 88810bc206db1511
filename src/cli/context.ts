// What every command receives, and the one way the command line opens the
// core. The core (and with it SQLite, Drizzle, nodemailer) is imported lazily
// so that `--help`, usage errors and light commands stay fast.
import type { Outbound, OutboundOptions } from '../types.js';

export interface CommandContext {
  /** The command name as typed (templates, readers and desks share a module). */
  command: string;
  /** `--db` given before the command name, if any. */
  db?: string;
}

interface CoreModule {
  openOutbound(options: OutboundOptions): Outbound;
  resolveDbPath(flag?: string): string;
}

async function loadCore(): Promise<CoreModule> {
  return (await import('../core/index.js')) as CoreModule;
}

/** Opens the core for a short-lived command: no delivery loop unless asked. */
export async function openCore(
  ctx: CommandContext,
  flag: string | undefined,
  options: Partial<OutboundOptions> = {},
): Promise<Outbound> {
  const core = await loadCore();
  const dbPath = core.resolveDbPath(flag ?? ctx.db);
  // A password file named in the environment serves every command that may
  // talk to the relay (test, send, forward, serve, the console).
  const passwordFile = options.passwordFile ?? (process.env.OUTBOUND_SMTP_PASSWORD_FILE || undefined);
  return core.openOutbound({ deliver: false, ...options, ...(passwordFile ? { passwordFile } : {}), dbPath });
}

/** Runs `fn` with an open core and always closes it. */
export async function withCore<T>(
  ctx: CommandContext,
  flag: string | undefined,
  fn: (outbound: Outbound) => Promise<T> | T,
  options: Partial<OutboundOptions> = {},
): Promise<T> {
  const outbound = await openCore(ctx, flag, options);
  try {
    return await fn(outbound);
  } finally {
    await outbound.close();
  }
}
