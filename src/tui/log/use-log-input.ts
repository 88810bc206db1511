// The Log table's key layer: keymap commands (src/tui/keymap.ts) → the state
// hook's commands. Active only while the table itself has the keys (not while
// the email view, chooser, a prompt or a dialog is open).
import { PRIORITY, useKeyLayer } from '../input/key-dispatcher.js';
import type { LogCommands } from './use-log-state.js';

export function useLogInput(commands: LogCommands, active: boolean): void {
  const c = commands;
  useKeyLayer({
    id: 'log-table',
    priority: PRIORITY.table,
    active,
    handlers: {
      'log.down': c.down,
      'log.up': c.up,
      'log.pageDown': c.pageDown,
      'log.pageUp': c.pageUp,
      'log.top': c.top,
      'log.bottom': c.bottom,
      'log.toggleRow': c.toggleRow,
      'log.rangeSelect': c.rangeSelect,
      'log.selectAll': c.selectAll,
      'log.clearSelection': c.clearSelection,
      'log.view': c.view,
      'log.sendNow': c.sendNow,
      'log.forward': c.forward,
      'log.delete': c.delete,
      'log.colLeft': c.colLeft,
      'log.colRight': c.colRight,
      'log.sort': c.sort,
      'log.reverse': c.reverse,
      'log.filter': c.filter,
      'log.columns': c.columns,
      'log.widen': c.widen,
      'log.narrow': c.narrow,
      'log.resetWidth': c.resetWidth,
    },
  });
}
