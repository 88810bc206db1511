// outbound demo: a throw-away sandbox to try the console safely.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandArgs } from '../args.js';
import { line } from '../output.js';
import type { Outbound } from '../../types.js';

export const help = `Usage: outbound demo [--keep]

Creates a sandbox in a temporary directory: a database, a local capture SMTP
server on 127.0.0.1 (random port) set as the relay, a template, a reader, a
desk, and sample mail in every status (queued, deferred, sent, failed,
forwarded) and from every sender source. Then opens the console on it. The
capture server refuses bounce@… (550) and busy@… (451); what it accepts is
saved as .eml files in the sandbox. On exit the sandbox is removed, unless
--keep. Without a terminal it only prepares the sandbox and exits.

Example:
  outbound demo
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('demo', argv, { keep: { type: 'boolean' } }, { max: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'outbound-demo-'));
  const dbPath = join(dir, 'outbound.db');
  let ready = false;
  // A half-built sandbox is never kept.
  const cleanup = () => {
    if (!values.keep || !ready) rmSync(dir, { recursive: true, force: true });
  };
  const { startCaptureSmtp } = await import('../demo/capture-smtp.js');
  const capture = await startCaptureSmtp(join(dir, 'captured'));
  let outbound: Outbound | undefined;
  try {
    const { openOutbound } = await import('../../core/index.js');
    outbound = openOutbound({ dbPath, deliver: true, actor: 'demo' });
    outbound.updateSettings({ host: '127.0.0.1', port: capture.port, security: 'none', defaultSender: 'Outbound Demo <outbound@example.test>' });
    const { addSampleMail } = await import('../demo/sample-mail.js');
    await addSampleMail(outbound);
    ready = true;
    line(`sandbox: ${dir}`);
    line(`  database:        ${dbPath}   (from another terminal: outbound --db ${dbPath} log)`);
    line(`  capture SMTP:    127.0.0.1:${capture.port}, received mail in ${join(dir, 'captured')}`);
    line(`  it is ${values.keep ? 'kept' : 'removed'} on exit`);
    if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
      line('no terminal: not opening the console');
      return 0;
    }
    const { loadConsole } = await import('./tui.js');
    const runConsole = await loadConsole();
    return await runConsole(outbound, { closeOnExit: false });
  } finally {
    await outbound?.close();
    await capture.close();
    cleanup();
  }
}
