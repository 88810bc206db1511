// Every key of the console, as data. The dispatcher (input/) matches keys with
// it, the footer shows its hints and the `?` help is generated from it, so a
// key can never work without being documented (or the reverse).

export type Scope = 'global' | 'settings' | 'test' | 'log' | 'view' | 'dialog' | 'prompt' | 'form' | 'chooser';

/**
 * Key names: single printable characters ('q', 'A', '/', '+'), or one of
 * 'up' 'down' 'left' 'right' 'pageup' 'pagedown' 'home' 'end' 'enter' 'escape'
 * 'tab' 'shift+tab' 'space' 'delete' 'backspace' 'ctrl+c' 'ctrl+l' 'ctrl+s'.
 * Note: most terminals send DEL (0x7f) for the Backspace key and Ink reports it
 * as 'delete'; the Delete key itself is ESC [3~ and is also 'delete'.
 */
export type KeyName = string;

export interface BindingSpec {
  readonly command: string;
  readonly scope: Scope;
  readonly keys: readonly KeyName[];
  /** Short word for the footer. */
  readonly label: string;
  /** One line for the `?` help. */
  readonly help: string;
  /** Shown in the footer when the scope is active. */
  readonly footer?: boolean;
}

const BINDINGS = [
  // global (lowest priority: any layer above may shadow these keys)
  { command: 'app.tab1', scope: 'global', keys: ['1'], label: 'Settings', help: 'Settings tab' },
  { command: 'app.tab2', scope: 'global', keys: ['2'], label: 'Test', help: 'Test tab' },
  { command: 'app.tab3', scope: 'global', keys: ['3'], label: 'Log', help: 'Log tab' },
  { command: 'app.prevTab', scope: 'global', keys: ['['], label: 'prev tab', help: 'Previous tab' },
  { command: 'app.nextTab', scope: 'global', keys: [']'], label: 'next tab', help: 'Next tab' },
  { command: 'app.toggleAuto', scope: 'global', keys: ['A'], label: 'auto', help: 'Toggle automatic delivery (asks first when turning it on with mail queued)', footer: true },
  { command: 'app.help', scope: 'global', keys: ['?'], label: 'help', help: 'Show or hide this help', footer: true },
  { command: 'app.quit', scope: 'global', keys: ['q'], label: 'quit', help: 'Quit (asks first while sends are in flight)', footer: true },
  { command: 'app.forceQuit', scope: 'global', keys: ['ctrl+c'], label: 'quit', help: 'Quit now (in-flight sends finish or return to the queue)' },
  { command: 'app.redraw', scope: 'global', keys: ['ctrl+l'], label: 'redraw', help: 'Redraw the screen' },

  // Settings tab
  { command: 'settings.edit', scope: 'settings', keys: ['e'], label: 'edit', help: 'Edit the settings', footer: true },

  // Settings form (text fields capture typing; these keys still work)
  { command: 'form.next', scope: 'form', keys: ['tab', 'down'], label: 'next', help: 'Next field', footer: true },
  { command: 'form.prev', scope: 'form', keys: ['shift+tab', 'up'], label: 'prev', help: 'Previous field', footer: true },
  { command: 'form.toggle', scope: 'form', keys: ['space', 'left', 'right'], label: 'change', help: 'Change a choice field (Security, Verify certificates, Clear password)', footer: true },
  { command: 'form.save', scope: 'form', keys: ['enter', 'ctrl+s'], label: 'save', help: 'Save the settings (nothing is saved if a field is invalid)', footer: true },
  { command: 'form.cancel', scope: 'form', keys: ['escape'], label: 'cancel', help: 'Cancel editing, discard changes', footer: true },

  // Test tab
  { command: 'test.focusNext', scope: 'test', keys: ['tab'], label: 'edit fields', help: 'Edit To / Subject (Tab moves on, Esc stops editing)', footer: true },
  { command: 'test.blur', scope: 'test', keys: ['escape'], label: 'stop editing', help: 'Stop editing the fields' },
  { command: 'test.send', scope: 'test', keys: ['enter'], label: 'send test', help: 'Send a test email now (whatever the automatic-delivery toggle)', footer: true },
  { command: 'test.verify', scope: 'test', keys: ['V'], label: 'verify', help: 'Check the connection and login only (sends nothing)', footer: true },
  { command: 'test.scrollDown', scope: 'test', keys: ['pagedown'], label: 'scroll', help: 'Scroll the transcript down' },
  { command: 'test.scrollUp', scope: 'test', keys: ['pageup'], label: 'scroll', help: 'Scroll the transcript up' },

  // Log table
  { command: 'log.down', scope: 'log', keys: ['down', 'j'], label: 'down', help: 'Move down' },
  { command: 'log.up', scope: 'log', keys: ['up', 'k'], label: 'up', help: 'Move up' },
  { command: 'log.pageDown', scope: 'log', keys: ['pagedown'], label: 'page down', help: 'Page down' },
  { command: 'log.pageUp', scope: 'log', keys: ['pageup'], label: 'page up', help: 'Page up' },
  { command: 'log.top', scope: 'log', keys: ['g', 'home'], label: 'top', help: 'First row' },
  { command: 'log.bottom', scope: 'log', keys: ['G', 'end'], label: 'bottom', help: 'Last row' },
  { command: 'log.toggleRow', scope: 'log', keys: ['space'], label: 'select', help: 'Select / unselect the row', footer: true },
  { command: 'log.rangeSelect', scope: 'log', keys: ['v'], label: 'range', help: 'Select the range from the last selected row to this one' },
  { command: 'log.selectAll', scope: 'log', keys: ['a'], label: 'all', help: 'Select every row matching the filter', footer: true },
  { command: 'log.clearSelection', scope: 'log', keys: ['U', 'escape'], label: 'clear', help: 'Clear the selection (Esc again clears the filter)' },
  { command: 'log.view', scope: 'log', keys: ['enter'], label: 'view', help: 'View the email', footer: true },
  { command: 'log.sendNow', scope: 'log', keys: ['s'], label: 'send now', help: 'Send Now: send the selected rows (else the current row) at once', footer: true },
  { command: 'log.forward', scope: 'log', keys: ['f'], label: 'forward', help: 'Forward the email to another address', footer: true },
  { command: 'log.delete', scope: 'log', keys: ['d', 'delete'], label: 'delete', help: 'Delete the selected rows (else the current row), after confirming', footer: true },
  { command: 'log.colLeft', scope: 'log', keys: ['left'], label: 'column', help: 'Column cursor left' },
  { command: 'log.colRight', scope: 'log', keys: ['right'], label: 'column', help: 'Column cursor right' },
  { command: 'log.sort', scope: 'log', keys: ['o'], label: 'sort', help: 'Sort by the current column (again: flip direction)' },
  { command: 'log.reverse', scope: 'log', keys: ['O'], label: 'reverse', help: 'Reverse the sort order' },
  { command: 'log.filter', scope: 'log', keys: ['/'], label: 'filter', help: 'Filter, e.g. status:queued to:@example.com since:2h !origin:test', footer: true },
  { command: 'log.columns', scope: 'log', keys: ['c'], label: 'columns', help: 'Choose the visible columns' },
  { command: 'log.widen', scope: 'log', keys: ['+'], label: 'widen', help: 'Widen the current column' },
  { command: 'log.narrow', scope: 'log', keys: ['-'], label: 'narrow', help: 'Narrow the current column' },
  { command: 'log.resetWidth', scope: 'log', keys: ['='], label: 'reset width', help: 'Reset the current column width' },

  // Email view (also used to scroll the help overlay)
  { command: 'view.raw', scope: 'view', keys: ['r'], label: 'raw', help: 'Show the raw message / the summary', footer: true },
  { command: 'view.close', scope: 'view', keys: ['escape', 'q'], label: 'close', help: 'Close', footer: true },
  { command: 'view.down', scope: 'view', keys: ['down', 'j'], label: 'down', help: 'Scroll down' },
  { command: 'view.up', scope: 'view', keys: ['up', 'k'], label: 'up', help: 'Scroll up' },
  { command: 'view.pageDown', scope: 'view', keys: ['pagedown', 'space'], label: 'page', help: 'Page down' },
  { command: 'view.pageUp', scope: 'view', keys: ['pageup'], label: 'page up', help: 'Page up' },
  { command: 'view.top', scope: 'view', keys: ['g', 'home'], label: 'top', help: 'Top' },
  { command: 'view.bottom', scope: 'view', keys: ['G', 'end'], label: 'bottom', help: 'Bottom' },

  // Column chooser
  { command: 'chooser.down', scope: 'chooser', keys: ['down', 'j'], label: 'down', help: 'Next column' },
  { command: 'chooser.up', scope: 'chooser', keys: ['up', 'k'], label: 'up', help: 'Previous column' },
  { command: 'chooser.toggle', scope: 'chooser', keys: ['space', 'enter'], label: 'show/hide', help: 'Show or hide the column', footer: true },
  { command: 'chooser.close', scope: 'chooser', keys: ['escape', 'c'], label: 'close', help: 'Close the column chooser', footer: true },

  // Confirmation dialog
  { command: 'dialog.confirm', scope: 'dialog', keys: ['enter', 'y'], label: 'yes', help: 'Confirm', footer: true },
  { command: 'dialog.cancel', scope: 'dialog', keys: ['escape', 'n'], label: 'no', help: 'Cancel', footer: true },

  // One-line text prompt (filter, forward address)
  { command: 'prompt.submit', scope: 'prompt', keys: ['enter'], label: 'ok', help: 'Accept', footer: true },
  { command: 'prompt.cancel', scope: 'prompt', keys: ['escape'], label: 'cancel', help: 'Cancel', footer: true },
] as const satisfies readonly BindingSpec[];

export type Command = (typeof BINDINGS)[number]['command'];

export interface Binding extends BindingSpec {
  readonly command: Command;
}

export const KEYMAP: readonly Binding[] = BINDINGS;

const byCommand = new Map<Command, Binding>(KEYMAP.map((b) => [b.command, b]));

export function bindingFor(command: Command): Binding {
  const b = byCommand.get(command);
  if (!b) throw new Error(`no binding for ${command}`);
  return b;
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  settings: 'Settings tab',
  form: 'Settings form',
  test: 'Test tab',
  log: 'Log tab',
  view: 'Email view / help',
  chooser: 'Column chooser',
  dialog: 'Confirmation',
  prompt: 'Text prompt (filter, forward)',
};

export const SCOPE_ORDER: readonly Scope[] = ['global', 'settings', 'form', 'test', 'log', 'view', 'chooser', 'dialog', 'prompt'];
