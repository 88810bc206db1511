// The line above the Log grid: how many emails match, the filter, the sort,
// the selection and where the cursor is.
import { columnDef } from './columns.js';
import { formatCount, plural } from './format.js';
import type { LogState } from './log-state.js';
import { cursorPosition } from './log-window.js';

export function infoLine(s: LogState): string {
  const parts: string[] = [];
  const filter = s.view.filter.trim();
  if (s.total === null) parts.push(filter ? 'counting…' : 'Log');
  else parts.push(filter ? `${plural(s.total, 'match', 'matches')}` : plural(s.total, 'email'));
  if (filter) parts.push(`filter: ${filter}`);
  parts.push(`sort: ${columnDef(s.view.sort.column).title} ${s.view.sort.direction === 'asc' ? '▲' : '▼'}`);
  if (s.selection.size > 0) parts.push(`${formatCount(s.selection.size)} selected`);
  const pos = cursorPosition(s.window, s.total);
  if (pos !== null) parts.push(`row ${formatCount(pos + 1)}${s.total !== null ? `/${formatCount(s.total)}` : ''}`);
  return parts.join(' · ');
}
