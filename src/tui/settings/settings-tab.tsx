// The Settings tab: the current settings (the password only as set/not set
// and where it comes from); `e` opens the Edit form.
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import type { Outbound, PublicSettings } from '../../types.js';
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import { keyHint } from '../input/match-key.js';
import { formatWhen, isLocalHost } from '../format.js';
import { useTheme } from '../theme.js';
import { SECURITY_HELP } from './form-model.js';
import { LocalMtaNote } from './local-mta-note.js';
import { SettingsForm } from './settings-form.js';

export interface SettingsTabProps {
  outbound: Outbound;
  /** Current settings (the app re-reads them on every change, from any process). */
  settings: PublicSettings;
  width: number;
  height: number;
  active: boolean;
  onSaved?: () => void;
}

export function passwordStatus(s: PublicSettings): string {
  if (!s.passwordSet) return 'not set';
  const source = { database: 'stored in the database', env: 'from OUTBOUND_SMTP_PASSWORD', file: 'from the password file', none: '' }[s.passwordSource];
  return source ? `set (${source})` : 'set';
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Box flexShrink={0} width={24}>
        <Text dimColor>{label}</Text>
      </Box>
      <Text wrap="truncate-end">{children}</Text>
    </Box>
  );
}

export function SettingsTab({ outbound, settings: s, width, active, onSaved }: SettingsTabProps) {
  const theme = useTheme();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  useKeyLayer({
    id: 'settings-tab',
    priority: PRIORITY.tab,
    active: active && !editing,
    handlers: { 'settings.edit': () => { setNotice(undefined); setEditing(true); } },
  });

  if (editing && active) {
    return (
      <SettingsForm
        outbound={outbound}
        settings={s}
        width={width}
        onCancel={() => setEditing(false)}
        onSaved={(_saved, changed) => {
          setEditing(false);
          setNotice(`Saved (${changed.map((c) => (c === 'password' ? 'password' : c)).join(', ')}).`);
          onSaved?.();
        }}
      />
    );
  }
  const none = <Text color={theme.color('warn')}>not set</Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        Settings <Text dimColor>— press {keyHint('settings.edit')} to edit{s.updatedAt ? ` · last changed ${formatWhen(s.updatedAt)} by ${s.updatedBy ?? '?'}` : ''}</Text>
      </Text>
      <Row label="Host Name">{s.host || none}</Row>
      <Row label="Port">{s.port}</Row>
      <Row label="User Name">{s.user || <Text dimColor>(no login)</Text>}</Row>
      <Row label="Password">{passwordStatus(s)}</Row>
      <Row label="Days to Keep Logs">{s.daysToKeep}</Row>
      <Row label="Default Sender Email">{s.defaultSender || none}</Row>
      <Row label="Security">{s.security} <Text dimColor>({SECURITY_HELP[s.security]})</Text></Row>
      <Row label="Verify certificates">{s.verifyCertificates ? 'yes' : <Text color={theme.color('warn')}>no</Text>}</Row>
      <Row label="Max connections">{s.maxConnections}</Row>
      <Row label="Rate limit">{s.rateLimit > 0 ? `${s.rateLimit} messages/second` : 'none'}</Row>
      <Row label="Retry for">{s.maxLifetimeHours} hours, then failed</Row>
      <Row label="Automatic delivery">
        {s.autoDelivery ? <Text color={theme.color('ok')}>ON</Text> : <Text color={theme.color('warn')}>OFF</Text>}
        {s.autoDeliveryChangedBy ? ` (by ${s.autoDeliveryChangedBy} ${formatWhen(s.autoDeliveryChangedAt)})` : ''} <Text dimColor>— {keyHint('app.toggleAuto')} toggles</Text>
      </Row>
      {notice ? <Text color={theme.color('ok')}>✓ {notice}</Text> : null}
      {isLocalHost(s.host) ? <LocalMtaNote /> : null}
    </Box>
  );
}
