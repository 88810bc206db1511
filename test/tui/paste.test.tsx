// A paste (or keys typed quickly over SSH / tmux) reaches Ink as ONE chunk.
// The text it carries must land in the focused field whole, in one edit: no
// frame may ever show part of it (a half-typed filter such as "statu" flashes
// a syntax error, and a long paste would otherwise trickle in key by key).
// Every chunk here is written with a single stdin.write.
import test from 'ava';
import { startSmtp } from '../helpers/smtp.js';
import { KEYS, press, waitForFrame, waitForText, type Rendered } from './helpers/ink.js';
import { openConsoleOutbound, plain, renderConsole } from './helpers/console.js';
import { enqueueMany, openLogOutbound, renderLog, waitPlain } from './log-support.js';

/** Every value one screen line (found by `line`) showed over all frames so far, in order, without repeats. */
function valuesShown(r: Rendered, line: RegExp): string[] {
  const seen: string[] = [];
  for (const frame of r.frames) {
    for (const l of plain(frame).split('\n')) {
      const m = line.exec(l);
      if (m && seen[seen.length - 1] !== m[1]!.trimEnd()) seen.push(m[1]!.trimEnd());
    }
  }
  return seen;
}

const FILTER_PLACEHOLDER = 'status:queued to:@example.com since:2h !origin:test';

test('the Log filter prompt: "/status:queued" in one chunk opens the prompt and the text lands whole', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 3);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitPlain(r, '3 emails');

  r.stdin.write('/status:queued');
  await waitPlain(r, /^Filter \/ status:queued\s*$/m, 'the pasted filter in the prompt');
  const shown = valuesShown(r, /^Filter \/ (.*)$/).filter((v) => v !== FILTER_PLACEHOLDER);
  t.deepEqual(shown, ['status:queued'], 'no frame showed part of the paste');
  t.false(r.frames.some((f) => plain(f).includes('bad status')), 'no syntax error flashed for a half-pasted filter');

  await press(r, KEYS.enter);
  const f = await waitPlain(r, '3 matches', undefined);
  t.true(f.includes('filter: status:queued'), f);
});

test('text, Enter and table keys in one chunk keep their order: the filter applies, then the keys move the cursor', async (t) => {
  const outbound = openLogOutbound(t);
  await enqueueMany(outbound, 12);
  const r = renderLog(outbound, { width: 100, height: 20 });
  t.teardown(() => r.unmount());
  await waitPlain(r, '12 emails');

  // Subjects "mail 010" … "mail 012" match; newest first, two rows down is mail 010.
  r.stdin.write('/subject:"mail 01"\rjj');
  const f = await waitPlain(r, (s) => s.includes('3 matches') && s.split('\n').some((l) => l.startsWith('>') && l.includes('mail 010')), 'the filter applied and the cursor two rows down');
  t.true(f.includes('filter: subject:"mail 01"'), f);
  t.deepEqual(valuesShown(r, /^Filter \/ (.*)$/).filter((v) => v !== FILTER_PLACEHOLDER), ['subject:"mail 01"']);
});

test('a Settings field: a pasted host name lands whole and is saved', async (t) => {
  const outbound = openConsoleOutbound(t, { settings: { host: 'smtp.example.com' } });
  const r = renderConsole(t, outbound, { initialTab: 0 });
  await waitForText(r, 'press e to edit');
  await press(r, 'e');
  await waitForText(r, 'Edit settings');
  // Host Name has the focus; erase it with one chunk of Backspaces, then paste.
  r.stdin.write(KEYS.end + KEYS.backspace.repeat('smtp.example.com'.length));
  await waitForFrame(r, (f) => /^▸ Host Name\s+\(not set/m.test(plain(f)), undefined, 'the host field empty (its placeholder)');
  const before = r.frames.length;

  r.stdin.write('relay.example.org');
  await waitForFrame(r, (f) => /^▸ Host Name\s+relay\.example\.org\s*$/m.test(plain(f)), undefined, 'the pasted host');
  const later = { frames: r.frames.slice(before) } as Rendered;
  t.deepEqual(valuesShown(later, /^▸ Host Name\s+(.*)$/).filter((v) => !v.startsWith('(not set')), ['relay.example.org'], 'no frame showed part of the paste');

  await press(r, KEYS.ctrlS);
  await waitForText(r, 'Saved');
  t.is(outbound.getSettings().host, 'relay.example.org');
});

test('the Test tab: an address pasted with Enter in one chunk is the whole recipient', async (t) => {
  const smtp = await startSmtp(t);
  const outbound = openConsoleOutbound(t, { smtpPort: smtp.port });
  const r = renderConsole(t, outbound, { initialTab: 1 });
  await waitForText(r, 'Tab edit fields');
  await press(r, KEYS.tab);
  r.stdin.write('admin@example.net\r');
  await waitForText(r, '✓ Delivered');
  const [got] = await smtp.waitFor(1);
  t.deepEqual(got!.to, ['admin@example.net']);
});
