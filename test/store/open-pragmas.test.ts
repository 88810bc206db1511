import test from 'ava';
import { openStore } from '../../src/store/open.js';
import { tmpDbPath } from '../helpers/tmp.js';

// The status_counts triggers make every status change need a statement journal;
// openStore keeps those (and temp b-trees) in memory for every connection it opens.
test('openStore sets temp_store = MEMORY, WAL and foreign keys on each connection', (t) => {
  const path = tmpDbPath(t);
  for (let i = 0; i < 2; i++) {
    const store = openStore(path);
    try {
      t.is(store.sqlite.pragma('temp_store', { simple: true }), 2, 'MEMORY');
      t.is(store.sqlite.pragma('journal_mode', { simple: true }), 'wal');
      t.is(store.sqlite.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      store.close();
    }
  }
});
