// outbound [tui]: the console.
import { parseCommandArgs } from '../args.js';
import { openCore, type CommandContext } from '../context.js';
import { CommandFailure, UsageError } from '../usage-error.js';
import type { Outbound } from '../../types.js';

export const help = `Usage: outbound [--db PATH] [tui]

Opens the console (Settings, Test and Log tabs) on the database. It delivers
mail while open when automatic delivery is ON. Needs a terminal; press ? for
the keys and q to quit.
`;

/** src/tui/run.tsx: resolves to the exit code; starts the core and (by default) closes it. */
export type RunConsole = (outbound: Outbound, options?: { closeOnExit?: boolean }) => Promise<number>;

/** The console module, loaded only here (Ink and React are heavy). */
export async function loadConsole(): Promise<RunConsole> {
  const specifier = '../../tui/run.js';
  let mod: { runConsole?: RunConsole };
  try {
    mod = (await import(specifier)) as { runConsole?: RunConsole };
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new CommandFailure('the console is not available in this build yet; use the commands (outbound --help)');
    }
    throw err;
  }
  if (!mod.runConsole) throw new CommandFailure('the console is not available in this build yet; use the commands (outbound --help)');
  return mod.runConsole;
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('tui', argv, {}, { max: 0 });
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError('the console needs a terminal (stdin and stdout); for scripts use the commands (outbound --help)');
  }
  const runConsole = await loadConsole();
  const outbound = await openCore(ctx, values.db, { deliver: true });
  try {
    return await runConsole(outbound, { closeOnExit: false });
  } finally {
    await outbound.close();
  }
}
