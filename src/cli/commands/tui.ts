// outbound [tui]: the console.
import { parseCommandArgs } from '../args.js';
import { openCore, type CommandContext } from '../context.js';
import { UsageError } from '../usage-error.js';

export const help = `Usage: outbound [--db PATH] [tui]

Opens the console (Settings, Test and Log tabs) on the database. It delivers
mail while open when automatic delivery is ON. Needs a terminal; press ? for
the keys and q to quit.
`;

/** The console module, loaded only here (Ink and React are heavy). */
export async function loadConsole(): Promise<typeof import('../../tui/run.js').runConsole> {
  // Ink decides when it is first imported that a CI environment gets only the
  // final frame. The console runs only on a real terminal, so it must redraw.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runConsole } = await import('../../tui/run.js');
  return runConsole;
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
