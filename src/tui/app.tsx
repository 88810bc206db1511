// The console's shell: tab header, the three tabs (kept mounted so each keeps
// its state), the status bar, the footer of key hints, the `?` help and the
// app-level confirmations (enable automatic delivery, quit while sending).
// It talks to the core only through the Outbound interface.
import React, { useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Outbound } from '../types.js';
import { KeyDispatcherProvider, PRIORITY, useKeyLayer } from './input/key-dispatcher.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { formatCount, truncate } from './format.js';
import { LogTab } from './log/log-tab.js';
import { SettingsTab } from './settings/settings-tab.js';
import { StatusBar, statusBarHeight } from './status-bar/status-bar.js';
import { useStatus } from './status-bar/use-status.js';
import { TestTab } from './test-tab/test-tab.js';
import { colorsFromEnv, ThemeProvider, useTheme } from './theme.js';
import { ConfirmDialog } from './widgets/confirm-dialog.js';
import { Footer } from './widgets/footer.js';
import { HelpOverlay } from './widgets/help-overlay.js';
import { Tabs } from './widgets/tabs.js';

export const TAB_NAMES = ['Settings', 'Test', 'Log'] as const;

export interface AppProps {
  outbound: Outbound;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  columns?: number;
  rows?: number;
  /** Default: on unless NO_COLOR is set. */
  colors?: boolean;
  /** Default: Settings when no relay is configured yet, else Log. */
  initialTab?: 0 | 1 | 2;
  /** Clears the terminal before a full redraw (Ctrl-L); run.tsx supplies it. */
  onRedraw?: () => void;
}

type Dialog =
  | { kind: 'auto-on'; message: string; detail: string }
  | { kind: 'quit'; message: string; detail: string };

const DIALOG_HEIGHT = 5;

function Shell({ outbound, columns, rows, initialTab, onRedraw }: AppProps) {
  const app = useApp();
  const theme = useTheme();
  const size = useTerminalSize({ columns, rows });
  const { status, refresh } = useStatus(outbound);
  const [tab, setTab] = useState<number>(initialTab ?? (status.settings.host ? 2 : 0));
  const [help, setHelp] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [, setRedraws] = useState(0);

  const setAuto = (on: boolean) => {
    try {
      outbound.setAutoDelivery(on);
      setNotice({ text: `Automatic delivery ${on ? 'ON' : 'OFF'}`, error: false });
    } catch (err) {
      setNotice({ text: err instanceof Error ? err.message : String(err), error: true });
    }
    refresh();
  };

  const toggleAuto = () => {
    const current = outbound.getSettings();
    if (current.autoDelivery) return setAuto(false);
    const c = outbound.counts();
    if (c.queued > 0) {
      const later = c.deferred > 0 ? ` ${formatCount(c.deferred)} deferred will be retried at their scheduled times.` : '';
      return setDialog({
        kind: 'auto-on',
        message: `${formatCount(c.queued)} queued email${c.queued === 1 ? '' : 's'} will be sent now.`,
        detail: `Turn automatic delivery ON?${later}`,
      });
    }
    if (c.deferred > 0) {
      return setDialog({
        kind: 'auto-on',
        message: `${formatCount(c.deferred)} deferred email${c.deferred === 1 ? '' : 's'} will be retried at their scheduled times.`,
        detail: 'Turn automatic delivery ON?',
      });
    }
    setAuto(true);
  };

  const quit = () => {
    const n = outbound.inFlight();
    if (n > 0) {
      return setDialog({
        kind: 'quit',
        message: `${formatCount(n)} email${n === 1 ? ' is' : 's are'} being sent right now. Quit anyway?`,
        detail: 'Quitting waits for them to finish (or returns them to the queue).',
      });
    }
    app.exit();
  };

  useKeyLayer({
    id: 'app',
    priority: PRIORITY.global,
    handlers: {
      'app.tab1': () => setTab(0),
      'app.tab2': () => setTab(1),
      'app.tab3': () => setTab(2),
      'app.prevTab': () => setTab((t) => (t + TAB_NAMES.length - 1) % TAB_NAMES.length),
      'app.nextTab': () => setTab((t) => (t + 1) % TAB_NAMES.length),
      'app.toggleAuto': toggleAuto,
      'app.help': () => setHelp(true),
      'app.quit': quit,
      'app.forceQuit': () => app.exit(),
      'app.redraw': () => {
        onRedraw?.();
        setRedraws((n) => n + 1);
      },
    },
  });
  // Ctrl-C must always work, even under a dialog or a text field.
  useKeyLayer({ id: 'app-force-quit', priority: PRIORITY.dialog + 1, handlers: { 'app.forceQuit': () => app.exit() } });

  const width = Math.max(20, size.columns);
  // Ink redraws the whole screen when a frame is as tall as the terminal.
  const frameHeight = Math.max(6, size.rows - 1);
  const statusHeight = statusBarHeight(status);
  const dialogHeight = dialog ? DIALOG_HEIGHT : 0;
  const bodyHeight = Math.max(1, frameHeight - 1 - statusHeight - 1 - dialogHeight);
  const tabProps = { outbound, width, height: bodyHeight };

  const headerRight = notice ? notice.text : `${outbound.actor} · ${outbound.dbPath}`;
  const tabsWidth = TAB_NAMES.reduce((n, t) => n + t.length + 4, 0);
  return (
    <Box flexDirection="column" width={width} height={frameHeight}>
      <Box width={width}>
        <Tabs tabs={TAB_NAMES} active={tab} />
        <Text color={notice?.error ? theme.color('error') : undefined} dimColor={!notice} wrap="truncate-end">
          {'  '}
          {truncate(headerRight, Math.max(0, width - tabsWidth - 3))}
        </Text>
      </Box>
      <Box height={bodyHeight} width={width} overflow="hidden" flexDirection="column">
        {help ? <HelpOverlay width={width} height={bodyHeight} onClose={() => setHelp(false)} /> : null}
        <Box display={!help && tab === 0 ? 'flex' : 'none'} flexDirection="column">
          <SettingsTab {...tabProps} settings={status.settings} active={!help && tab === 0} onSaved={refresh} />
        </Box>
        <Box display={!help && tab === 1 ? 'flex' : 'none'} flexDirection="column">
          <TestTab {...tabProps} settings={status.settings} active={!help && tab === 1} />
        </Box>
        <Box display={!help && tab === 2 ? 'flex' : 'none'} flexDirection="column">
          <LogTab {...tabProps} active={!help && tab === 2} />
        </Box>
      </Box>
      {dialog ? (
        <ConfirmDialog
          width={Math.min(width, 76)}
          message={dialog.message}
          detail={dialog.detail}
          onConfirm={() => {
            setDialog(null);
            if (dialog.kind === 'auto-on') setAuto(true);
            else app.exit();
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      <StatusBar status={status} width={width} />
      <Footer width={width} />
    </Box>
  );
}

export function App(props: AppProps) {
  return (
    <ThemeProvider colors={props.colors ?? colorsFromEnv()}>
      <KeyDispatcherProvider>
        <Shell {...props} />
      </KeyDispatcherProvider>
    </ThemeProvider>
  );
}
