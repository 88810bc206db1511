// Tab 3 of the console: the Log. Composes the grid, the column chooser, the
// email view, the filter / forward prompts, the confirmation dialogs and the
// progress of batch actions over one state hook (use-log-state.ts).
import React from 'react';
import { Box, Text } from 'ink';
import type { Outbound } from '../../types.js';
import { parseAddress } from '../../mail/address.js';
import { ConfirmDialog } from '../widgets/confirm-dialog.js';
import { ProgressBar } from '../widgets/progress-bar.js';
import { TextPrompt } from '../widgets/text-prompt.js';
import { useTheme } from '../theme.js';
import { ColumnChooser } from './column-chooser.js';
import { EmailView } from './email-view.js';
import { plural } from './format.js';
import { infoLine } from './info-line.js';
import type { LogState } from './log-state.js';
import { LogTable } from './log-table.js';
import { visibleRows } from './log-window.js';
import { useLogInput } from './use-log-input.js';
import { useLogState } from './use-log-state.js';

export interface LogTabProps {
  outbound: Outbound;
  width: number;
  /** Rows available to the tab. */
  height: number;
  /** False while another tab is shown: no keys, no live refresh. */
  active: boolean;
}

function validateAddress(value: string): string | undefined {
  parseAddress(value.trim(), 'to'); // throws ValidationError with the reason; the prompt shows it
  return undefined;
}

function resendQuestion(ids: number[], already: number, selected: boolean): string {
  if (ids.length === 1) return `Email ${ids[0]} was already sent/failed: resend it?`;
  if (already === ids.length) return `All ${plural(ids.length, 'email')}${selected ? ' selected' : ''} were already sent/failed: resend them?`;
  return `${already} of the ${ids.length} selected were already sent/failed: resend them?`;
}

function StatusLine({ state, hidden, width }: { state: LogState; hidden: number; width: number }) {
  const theme = useTheme();
  if (state.filterError) {
    return <Text color={theme.color('error')} wrap="truncate-end">✗ filter: {state.filterError} — / to edit, Esc clears</Text>;
  }
  if (state.notice) {
    const tone = state.notice.tone === 'ok' ? 'ok' : state.notice.tone;
    return <Text color={theme.color(tone)} wrap="truncate-end">{state.notice.text}</Text>;
  }
  if (hidden > 0) {
    return <Text dimColor wrap="truncate-end">{`${plural(hidden, 'column')} ${hidden === 1 ? "doesn't" : "don't"} fit ${width} columns: ← → bring ${hidden === 1 ? 'it' : 'them'} in, c chooses`}</Text>;
  }
  return <Text> </Text>;
}

export function LogTab({ outbound, width, height, active }: LogTabProps) {
  const theme = useTheme();
  const { state, layout, commands: c, rowsHeight } = useLogState({ outbound, width, height, active });
  const mode = state.mode;
  useLogInput(c, active && mode.kind === 'table');

  if (mode.kind === 'view') {
    return <EmailView outbound={outbound} id={mode.id} width={width} height={height} active={active} onClose={c.closeView} />;
  }
  const w = state.window;
  const rows = visibleRows(w);
  const job = state.jobs[0];
  const empty = state.filterError
    ? 'the filter cannot be used (see below)'
    : state.view.filter.trim() ? 'no emails match the filter (Esc clears it)' : 'no emails yet';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={theme.color('accent')} wrap="truncate-end">{infoLine(state)}</Text>
      {mode.kind === 'chooser' ? (
        <ColumnChooser
          visible={state.view.columns}
          hidden={layout.hidden}
          index={mode.index}
          width={width}
          height={rowsHeight + 1}
          active={active}
          onDown={c.chooserDown}
          onUp={c.chooserUp}
          onToggle={c.chooserToggle}
          onClose={c.cancel}
        />
      ) : (
        <LogTable
          rows={rows}
          cursor={w.cursor - w.top}
          selection={state.selection}
          layout={layout}
          sort={state.view.sort}
          focus={state.focus}
          width={width}
          height={rowsHeight}
          colors={theme.colors}
          empty={empty}
        />
      )}
      {mode.kind === 'filter' ? (
        <TextPrompt
          label="Filter /"
          initialValue={state.view.filter}
          placeholder="status:queued to:@example.com since:2h !origin:test"
          validate={c.checkFilter}
          validateWhileTyping
          onSubmit={c.applyFilter}
          onCancel={c.clearFilter}
          width={width}
        />
      ) : null}
      {mode.kind === 'forward' ? (
        <TextPrompt
          label={mode.ids.length === 1 ? `Forward email ${mode.ids[0]} to:` : `Forward ${mode.ids.length} emails to:`}
          placeholder="someone@example.com"
          validate={validateAddress}
          onSubmit={c.submitForward}
          onCancel={c.cancel}
          width={width}
        />
      ) : null}
      {mode.kind === 'confirm-delete' ? (
        <ConfirmDialog
          message={mode.ids.length === 1 ? `Delete email ${mode.ids[0]}?` : `Delete ${plural(mode.ids.length, 'email')}?`}
          detail="Rows being sent right now are kept. This cannot be undone."
          confirmLabel="Delete"
          danger
          width={Math.min(width, 72)}
          onConfirm={c.confirmDelete}
          onCancel={c.cancel}
        />
      ) : null}
      {mode.kind === 'confirm-resend' ? (
        <ConfirmDialog
          message={resendQuestion(mode.ids, mode.already, state.selection.size > 0)}
          detail={mode.already < mode.ids.length ? 'No sends only the others.' : 'No sends nothing.'}
          confirmLabel="Resend"
          danger
          width={Math.min(width, 80)}
          onConfirm={c.confirmResend}
          onCancel={c.declineResend}
        />
      ) : null}
      {job ? (
        <ProgressBar done={job.done} total={job.total} width={Math.max(10, Math.min(30, width - 40))} label={`${job.label}${state.jobs.length > 1 ? ` (+${state.jobs.length - 1} more)` : ''} — keeps running while you browse`} />
      ) : null}
      <StatusLine state={state} hidden={layout.hidden.length} width={width} />
    </Box>
  );
}
