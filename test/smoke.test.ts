import test from 'ava';
import { EMAIL_STATUSES } from '../src/types.js';

test('the status list names every status of DESIGN.md', (t) => {
  t.deepEqual([...EMAIL_STATUSES], ['queued', 'sending', 'sent', 'deferred', 'failed']);
});
