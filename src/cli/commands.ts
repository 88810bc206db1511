// The command table: names, one-line summaries and lazy loaders. Loading a
// command module imports only what that command needs (enqueue must not pay
// for Ink/React or mailparser).
import type { CommandContext } from './context.js';

export interface CommandModule {
  help: string | ((ctx: CommandContext) => string);
  run(argv: string[], ctx: CommandContext): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  tui: { summary: 'open the console (the default command)', load: () => import('./commands/tui.js') },
  enqueue: { summary: 'queue a new email', load: () => import('./commands/enqueue.js') },
  sendmail: { summary: 'sendmail-compatible: queue an RFC 5322 message from stdin', load: () => import('./commands/sendmail.js') },
  send: { summary: 'Send Now: deliver queued/deferred emails at once', load: () => import('./commands/send.js') },
  log: { summary: 'list the Log (filter, sort, JSON/CSV)', load: () => import('./commands/log.js') },
  view: { summary: 'show one email (decoded, or --raw bytes) and its attempts', load: () => import('./commands/view.js') },
  forward: { summary: 'resend an email to another address', load: () => import('./commands/forward.js') },
  delete: { summary: 'delete emails from the Log', load: () => import('./commands/delete.js') },
  purge: { summary: 'delete sent/failed emails older than the retention', load: () => import('./commands/purge.js') },
  test: { summary: 'send a test email (or verify the relay) and show the transcript', load: () => import('./commands/test.js') },
  settings: { summary: 'show or change the relay settings', load: () => import('./commands/settings.js') },
  auto: { summary: 'automatic delivery: on, off or status', load: () => import('./commands/auto.js') },
  templates: { summary: 'message templates: list, add, remove', load: () => import('./commands/directory.js') },
  readers: { summary: 'email readers: list, add, remove', load: () => import('./commands/directory.js') },
  desks: { summary: 'service desks: list, add, remove', load: () => import('./commands/directory.js') },
  serve: { summary: 'headless delivery (+ optional SMTP submission listener)', load: () => import('./commands/serve.js') },
  check: { summary: 'monitoring check (Nagios style): exit 0 OK, 1 WARNING, 2 CRITICAL', load: () => import('./commands/check.js') },
  demo: { summary: 'a sandbox with a local capture SMTP server and sample mail', load: () => import('./commands/demo.js') },
};
