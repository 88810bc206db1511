// The Test tab: To + Subject; Enter sends a test email now (whatever the
// automatic-delivery toggle), V checks the connection and login only. Shows
// the server's reply and Message-ID, or the diagnosis in plain words and the
// redacted SMTP transcript; lists the tests tried since the console opened.
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { Outbound, PublicSettings } from '../../types.js';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { keyHint } from '../input/match-key.js';
import { TextField } from '../input/text-field.js';
import { formatClock, hostPort, truncate } from '../format.js';
import { useTheme } from '../theme.js';
import { Spinner } from '../widgets/spinner.js';
import { defaultSubject, errorResult, summaryLine, transcriptLines, type TestKind, type TestRun } from './test-model.js';

export interface TestTabProps {
  outbound: Outbound;
  settings: PublicSettings;
  width: number;
  height: number;
  active: boolean;
}

type Focus = 'none' | 'to' | 'subject';
const LABEL = 9;
const HISTORY_LINES = 3;

export function TestTab({ outbound, settings, width, height, active }: TestTabProps) {
  const theme = useTheme();
  const [to, setTo] = useState('');
  const initialSubject = useRef(defaultSubject());
  const [subject, setSubject] = useState(initialSubject.current);
  const latest = useRef({ to, subject });
  const [focus, setFocus] = useState<Focus>('none');
  const [running, setRunning] = useState<{ kind: TestKind; to: string } | null>(null);
  const runningRef = useRef(false);
  const [last, setLast] = useState<TestRun | null>(null);
  const [history, setHistory] = useState<TestRun[]>([]);
  const [inputError, setInputError] = useState<string | undefined>();
  // null: automatic — a failure shows the end of the transcript (where it failed).
  const [scroll, setScroll] = useState<number | null>(null);

  const run = (kind: TestKind) => {
    if (runningRef.current) return;
    const target = latest.current.to.trim();
    if (kind === 'send' && !target) {
      setInputError('To: enter the address to send the test email to');
      setFocus('to');
      return;
    }
    setInputError(undefined);
    setFocus('none');
    // Keep the time in the default subject current.
    const subj = latest.current.subject === initialSubject.current ? defaultSubject() : latest.current.subject;
    runningRef.current = true;
    setRunning({ kind, to: target });
    const startedAt = Date.now();
    const work = kind === 'send' ? outbound.sendTest({ to: target, subject: subj }) : outbound.verify();
    work
      .catch(errorResult)
      .then((result) => {
        const entry: TestRun = { kind, to: target, startedAt, finishedAt: Date.now(), result };
        setLast(entry);
        setScroll(null);
        setHistory((h) => [entry, ...h]);
      })
      .finally(() => {
        runningRef.current = false;
        setRunning(null);
      });
  };

  const transcript = last ? transcriptLines(last.result.transcript) : [];
  const roomRef = useRef(0);
  const autoScroll = () => (last && !last.result.ok ? Math.max(0, transcript.length - roomRef.current) : 0);
  const scrollBy = (n: number) => setScroll((s) => Math.max(0, Math.min(Math.max(0, transcript.length - 1), (s ?? autoScroll()) + n)));

  useKeyLayer({
    id: 'test-tab',
    priority: PRIORITY.tab,
    active: active && focus === 'none',
    handlers: {
      'test.focusNext': () => setFocus('to'),
      'test.send': () => run('send'),
      'test.verify': () => run('verify'),
      'test.scrollDown': () => scrollBy(5),
      'test.scrollUp': () => scrollBy(-5),
    },
  });
  useKeyLayer({
    id: 'test-fields',
    priority: PRIORITY.form,
    active: active && focus !== 'none',
    captureAll: true,
    handlers: {
      'test.focusNext': () => setFocus((f) => (f === 'to' ? 'subject' : 'none')),
      'test.blur': () => setFocus('none'),
      'test.send': () => run('send'),
    },
  });

  const field = (label: string, key: 'to' | 'subject', value: string, set: (v: string) => void, placeholder: string) => (
    <Box>
      <Box flexShrink={0} width={LABEL + 2}>
        <Text bold={focus === key} color={focus === key ? theme.color('accent') : undefined}>{(focus === key ? '▸ ' : '  ') + label}</Text>
      </Box>
      <Box width={Math.max(10, width - LABEL - 3)}>
        <TextField
          value={value}
          focus={active && focus === key}
          placeholder={placeholder}
          priority={PRIORITY.form + 1}
          onChange={(v) => {
            latest.current = { ...latest.current, [key]: v };
            set(v);
          }}
        />
      </Box>
    </Box>
  );

  const relay = settings.host ? `${hostPort(settings.host, settings.port)} (${settings.security})` : '';
  const lines: React.ReactNode[] = [];
  if (running) {
    lines.push(
      <Spinner key="spin" color={theme.color('accent')} label={running.kind === 'send' ? `Sending a test email to ${running.to} via ${relay || 'the relay'}…` : `Connecting to ${relay || 'the relay'}…`} />,
    );
  } else if (last) {
    const r = last.result;
    const secs = ((last.finishedAt - last.startedAt) / 1000).toFixed(1);
    if (r.ok) {
      lines.push(
        <Text key="ok" color={theme.color('ok')} bold wrap="truncate-end">
          {last.kind === 'send' ? `✓ Delivered to the relay for ${last.to} in ${secs}s` : `✓ Connection works (${secs}s)`}
        </Text>,
      );
    } else {
      lines.push(<Text key="bad" color={theme.color('error')} bold wrap="truncate-end">{last.kind === 'send' ? `✗ Not delivered (${secs}s)` : `✗ Connection check failed (${secs}s)`}</Text>);
    }
    lines.push(<Text key="diag" wrap="wrap">{r.diagnosis}</Text>);
    if (r.response) lines.push(<Text key="resp" wrap="truncate-end"><Text dimColor>Server reply: </Text>{r.response}</Text>);
    if (r.messageId && r.ok) lines.push(<Text key="mid" wrap="truncate-end"><Text dimColor>Message-ID:   </Text>{r.messageId}</Text>);
    if (r.emailId) lines.push(<Text key="eid" wrap="truncate-end" dimColor>Log row {r.emailId} (Log tab, filter origin:test)</Text>);
  } else {
    lines.push(
      <Text key="hint" dimColor wrap="wrap">
        {keyHint('test.focusNext')} edits the fields, {keyHint('test.send')} sends a test email now (even with automatic delivery OFF), {keyHint('test.verify')} only checks the connection and login.
        {relay ? ` Relay: ${relay}.` : ' No relay is configured yet (Settings tab).'}
      </Text>,
    );
  }

  // Height: fields 2 + error 1 + result lines + transcript + history.
  const historyShown = Math.min(HISTORY_LINES, history.length);
  const diagnosisLines = last && !running ? Math.max(1, Math.ceil(last.result.diagnosis.length / Math.max(1, width))) - 1 : 0;
  const fixed = 3 + lines.length + diagnosisLines + (historyShown ? historyShown + 2 : 0);
  const transcriptRoom = Math.max(0, height - fixed - 2);
  roomRef.current = transcriptRoom;
  const top = scroll ?? autoScroll();
  const shownTranscript = last && !running ? transcript.slice(top, top + transcriptRoom) : [];

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {field('To', 'to', to, setTo, 'you@example.com')}
      {field('Subject', 'subject', subject, setSubject, '')}
      {inputError ? <Text color={theme.color('error')}>✗ {inputError}</Text> : <Text> </Text>}
      {lines}
      {shownTranscript.length ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text dimColor wrap="truncate-end">
            SMTP transcript (password redacted){transcript.length > transcriptRoom ? ` lines ${top + 1}-${top + shownTranscript.length} of ${transcript.length}, PgUp/PgDn` : ''}
          </Text>
          {shownTranscript.map((l, i) => <Text key={i} dimColor wrap="truncate-end">{truncate(l, width - 2)}</Text>)}
        </Box>
      ) : null}
      {historyShown ? (
        <Box flexDirection="column">
          <Text> </Text>
          <Text bold>Tests since the console opened ({history.length})</Text>
          {history.slice(0, historyShown).map((h, i) => (
            <Text key={i} wrap="truncate-end" color={h.result.ok ? undefined : theme.color('error')}>
              {formatClock(h.startedAt)} {h.result.ok ? '✓' : '✗'} {summaryLine(h)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
