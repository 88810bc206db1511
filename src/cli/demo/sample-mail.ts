// Sample mail for the demo: every status (queued, deferred, sent, failed,
// forwarded) and every sender source (procedure, template, desk, default).
import type { Outbound } from '../../types.js';

export async function addSampleMail(o: Outbound): Promise<void> {
  o.templates.add('nightly-backup', 'Backup Robot <backup@example.test>');
  o.readers.add('helpdesk', 'help@example.test');
  o.desks.add('support', 'helpdesk');

  const sent = [
    await o.enqueue({ from: 'Cron Daemon <cron@example.test>', to: 'ops@example.test', subject: 'Cron <root@web1> /usr/local/bin/rotate-logs', text: 'rotated 14 logs, freed 2.1 GB\n', origin: 'cron-job' }),
    await o.enqueue({ template: 'nightly-backup', to: 'ops@example.test', cc: 'cto@example.test', subject: 'Backup report: 212 GB, 0 errors', text: 'All 38 volumes backed up.\n', origin: 'backup-procedure' }),
    await o.enqueue({ desk: 'support', to: 'customer@example.test', subject: 'Re: [#4711] VPN drops every hour', text: 'We updated the firmware; please try again.\n', origin: 'ticket-4711' }),
  ];
  const failed = await o.enqueue({ to: 'bounce@example.test', subject: 'Invoice 2026-118', text: 'Attached is your invoice.\n', origin: 'billing' });
  const deferred = await o.enqueue({ to: 'busy@example.test', subject: 'Weekly patch summary', text: '12 servers patched, 1 reboot pending.\n', origin: 'patch-procedure' });
  await o.sendNow([...sent.map((r) => r.id), failed.id, deferred.id]);
  await o.forward(sent[2]!.id, 'auditor@example.test');

  // Left queued: automatic delivery is OFF in the demo, so these wait for Send Now.
  await o.enqueue({ to: 'ops@example.test', subject: 'Disk /var is 91% full on web2', text: 'Filesystem /var: 91% used.\n', origin: 'monitoring' });
  await o.enqueue({ template: 'nightly-backup', to: ['ops@example.test', 'storage@example.test'], subject: 'Backup report: 214 GB, 1 warning', text: 'Volume db3: slow snapshot.\n', origin: 'backup-procedure' });
  o.enqueueRaw({
    raw: Buffer.from(
      'From: root@web1.example.test\r\nTo: root@web1.example.test\r\nSubject: Cron <root@web1> apt-get -qq update\r\n' +
        'Content-Type: text/plain; charset=UTF-8\r\n\r\nE: Could not get lock /var/lib/apt/lists/lock\r\n',
    ),
    recipients: ['root@example.test'],
    origin: 'sendmail',
  });
}
