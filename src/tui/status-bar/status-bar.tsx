// The status bar: automatic delivery ON/OFF (who, when), queue counts, the
// relay, sent/failed per minute over the last hour, and the last error.
import React from 'react';
import { Box, Text } from 'ink';
import { formatCount, formatWhen, hostPort, truncate } from '../format.js';
import { useTheme } from '../theme.js';
import { sparklineText } from '../widgets/sparkline.js';
import type { StatusSnapshot } from './use-status.js';

/** Lines the status bar takes at this snapshot (3, or 4 with an error). */
export function statusBarHeight(status: StatusSnapshot): number {
  return status.lastError ? 4 : 3;
}

/** Folds per-minute buckets so the whole hour fits in `width` characters. */
export function foldBuckets(values: readonly number[], width: number): number[] {
  if (width <= 0) return [];
  const per = Math.max(1, Math.ceil(values.length / width));
  const out: number[] = [];
  for (let i = values.length; i > 0 && out.length < width; i -= per) {
    let sum = 0;
    for (let j = Math.max(0, i - per); j < i; j++) sum += values[j] ?? 0;
    out.unshift(sum);
  }
  return out;
}

export function StatusBar({ status, width }: { status: StatusSnapshot; width: number }) {
  const theme = useTheme();
  const { settings: s, counts: c, activity: a, lastError } = status;
  const who = s.autoDeliveryChangedBy ? ` by ${s.autoDeliveryChangedBy}${s.autoDeliveryChangedAt ? ` ${formatWhen(s.autoDeliveryChangedAt)}` : ''}` : '';
  const relay = s.host ? `${hostPort(s.host, s.port)} ${s.security}` : 'not configured (press 1, then e)';
  // "1h sent " + line + " failed " + line + " 3m/char" must fit the width.
  const room = Math.max(1, Math.floor((width - 26) / 2));
  const perChar = Math.max(1, Math.ceil(a.sent.length / room));
  const sparkWidth = Math.ceil(a.sent.length / perChar);
  const sent = foldBuckets(a.sent, sparkWidth);
  const failed = foldBuckets(a.failed, sparkWidth);
  const waiting = c.queued + c.deferred;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>Auto-delivery </Text>
        <Text bold inverse color={s.autoDelivery ? theme.color('ok') : theme.color('warn')}>{s.autoDelivery ? ' ON ' : ' OFF '}</Text>
        <Text dimColor>{who}</Text>
        {'  '}
        <Text bold>Relay </Text>
        <Text color={s.host ? undefined : theme.color('warn')}>{relay}</Text>
        {!s.autoDelivery && waiting > 0 ? <Text color={theme.color('warn')}>{'  '}{formatCount(waiting)} waiting for Send Now</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        Queued <Text bold>{formatCount(c.queued)}</Text>
        {'  '}Deferred <Text bold color={c.deferred ? theme.color('warn') : undefined}>{formatCount(c.deferred)}</Text>
        {'  '}Sending <Text bold>{formatCount(c.sending)}</Text>
        {'  '}Sent today <Text bold color={theme.color('ok')}>{formatCount(c.sentToday)}</Text>
        {'  '}Failed <Text bold color={c.failed ? theme.color('error') : undefined}>{formatCount(c.failed)}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor>1h sent </Text>
        <Text color={theme.color('ok')}>{sparklineText(sent).padStart(sparkWidth, ' ')}</Text>
        <Text dimColor> failed </Text>
        <Text color={theme.color('error')}>{sparklineText(failed).padStart(sparkWidth, ' ')}</Text>
        <Text dimColor>{perChar > 1 ? ` ${perChar}m/char` : ''}</Text>
      </Text>
      {lastError ? (
        <Text wrap="truncate-end" color={theme.color('error')}>
          {truncate(`Last error (email ${lastError.emailId}, ${lastError.status}): ${lastError.error}`, width)}
        </Text>
      ) : null}
    </Box>
  );
}
