// Child process for the concurrent-open test: opens (creating and migrating) the database,
// enqueues one row and prints the number of applied migrations.
import { openStore } from '../../src/store/open.js';
import { insertEmails } from '../../src/store/emails.js';
import { email } from './_helpers.js';

const store = openStore(process.argv[2]!);
insertEmails(store, [email(Number(process.argv[3]))]);
process.stdout.write(String(store.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()));
store.close();
