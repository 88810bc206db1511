// Child process for the claim-atomicity test: claims in a loop until the queue is empty
// and prints every id it claimed as JSON.
import { openStore } from '../../src/store/open.js';
import { claimDue } from '../../src/store/claim.js';

const [path, owner] = process.argv.slice(2) as [string, string];
const store = openStore(path);
const mine: number[] = [];
let empty = 0;
while (empty < 3) {
  const got = claimDue(store, { now: Date.now(), limit: 5, leaseMs: 60_000, owner });
  if (got.length === 0) empty++;
  else empty = 0;
  for (const g of got) mine.push(g.id);
}
store.close();
process.stdout.write(JSON.stringify(mine));
