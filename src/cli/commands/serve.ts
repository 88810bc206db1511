// outbound serve: headless delivery (and optional SMTP submission), meant to
// run as a service so that mail goes out when no console is open.
import { parseCommandArgs, parseCount } from '../args.js';
import { openCore, type CommandContext } from '../context.js';
import { isLoopback, parseListen } from '../listen-address.js';
import { oneLine } from '../output.js';
import { CommandFailure, UsageError } from '../usage-error.js';
import type { SubmissionListener } from '../serve/submission.js';

export const help = `Usage: outbound serve [--listen HOST:PORT] [--allow-remote] [--max-size MB]
                      [--auth-user USER] [--password-file F]

Delivers mail headlessly: claims due mail from the database and relays it,
logging one line per outcome to stdout:
  2026-12-03T14:05:09.123Z 12 sent to=ops@example.com 250 2.0.0 Ok: queued as 4F2A
Honours the automatic-delivery toggle (\`outbound auto on|off\`): while it is
OFF nothing is sent automatically. SIGTERM or SIGINT finishes the sends in
flight, returns anything else it holds to the queue and exits 0.

  --listen HOST:PORT  also accept mail over SMTP into the queue (origin "smtp");
                      "2525" alone means 127.0.0.1:2525
  --allow-remote      allow a non-loopback HOST (no TLS here: use a trusted
                      network, and --auth-user)
  --max-size MB       largest message accepted over SMTP (default 25)
  --auth-user USER    require SMTP AUTH as USER; the password comes from
                      OUTBOUND_SUBMIT_PASSWORD
  --password-file F   the relay password from a file (also OUTBOUND_SMTP_PASSWORD_FILE;
                      OUTBOUND_SMTP_PASSWORD wins over both, the database is last)

Example:
  outbound serve --listen 127.0.0.1:2525
`;

const OPTIONS = {
  listen: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  'max-size': { type: 'string' },
  'auth-user': { type: 'string' },
  'password-file': { type: 'string' },
} as const;

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, OPTIONS, { max: 0 });
  const listen = values.listen !== undefined ? parseListen('serve', values.listen) : undefined;
  if (!listen && (values['allow-remote'] || values['max-size'] !== undefined || values['auth-user'] !== undefined)) {
    throw new UsageError('serve: --allow-remote, --max-size and --auth-user go with --listen HOST:PORT');
  }
  if (listen && !isLoopback(listen.host) && !values['allow-remote']) {
    throw new UsageError(`serve: ${listen.host} is not a loopback address: add --allow-remote to accept mail from the network`);
  }
  const maxSizeMb = values['max-size'] !== undefined ? parseCount('serve', 'max-size', values['max-size'], 1) : 25;
  let auth: { user: string; pass: string } | undefined;
  if (values['auth-user'] !== undefined) {
    const pass = process.env.OUTBOUND_SUBMIT_PASSWORD;
    if (!pass) throw new UsageError('serve: --auth-user needs the password in OUTBOUND_SUBMIT_PASSWORD');
    auth = { user: values['auth-user'], pass };
  }

  const outbound = await openCore(ctx, values.db, {
    deliver: true,
    ...(values['password-file'] !== undefined ? { passwordFile: values['password-file'] } : {}),
    onOutcome: (o) => {
      const reply = oneLine(o.response || '');
      const why = o.outcome === 'sent' ? '' : o.diagnosis ? ` (${oneLine(o.diagnosis)})` : '';
      log(`${new Date().toISOString()} ${o.id} ${o.outcome} to=${o.to}${reply ? ` ${reply}` : ''}${why}`);
    },
  });

  let submission: SubmissionListener | undefined;
  try {
    if (listen) {
      const { startSubmission } = await import('../serve/submission.js');
      try {
        submission = await startSubmission(outbound, { ...listen, maxSize: maxSizeMb * 1024 * 1024, ...(auth ? { auth } : {}), log });
      } catch (err) {
        const code = (err as { code?: string }).code;
        const why = code === 'EADDRINUSE' ? 'the address is already in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need root)' : String((err as Error).message);
        throw new CommandFailure(`serve: cannot listen on ${listen.host}:${listen.port}: ${why}`);
      }
    }
    outbound.start();
  } catch (err) {
    await outbound.close();
    throw err;
  }

  const s = outbound.getSettings();
  log(
    `${new Date().toISOString()} outbound serve: database ${outbound.dbPath}, relay ${s.host}:${s.port}` +
      (submission ? `, accepting SMTP on ${submission.address.host}:${submission.address.port}${auth ? ' (AUTH required)' : ''}` : ''),
  );
  let autoOn = s.autoDelivery;
  log(
    autoOn
      ? `${new Date().toISOString()} automatic delivery is ON`
      : `${new Date().toISOString()} automatic delivery is OFF: mail stays queued until \`outbound auto on\` or Send Now`,
  );
  let relay = `${s.host}:${s.port}`;
  // Say so when someone flips the toggle or moves the relay from another process.
  const unsubscribe = outbound.onChange((event) => {
    if (!event.kinds.includes('settings')) return;
    const now = outbound.getSettings();
    if (now.autoDelivery !== autoOn) {
      autoOn = now.autoDelivery;
      log(`${new Date().toISOString()} automatic delivery turned ${autoOn ? 'ON' : 'OFF'}${now.autoDeliveryChangedBy ? ` by ${now.autoDeliveryChangedBy}` : ''}`);
    }
    if (`${now.host}:${now.port}` !== relay) {
      relay = `${now.host}:${now.port}`;
      log(`${new Date().toISOString()} relay is now ${relay}`);
    }
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      log(`${new Date().toISOString()} ${signal}: finishing ${outbound.inFlight()} send(s) in flight, then exiting`);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  unsubscribe();
  await submission?.close();
  await outbound.close(30_000);
  log(`${new Date().toISOString()} stopped`);
  return 0;
}
