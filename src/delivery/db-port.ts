// What the engine needs from the database, as an asynchronous port with two
// implementations: inline (this thread, the store's functions directly) and a
// worker thread running the same store functions on its own connection, so
// that claiming and recording never compete with SMTP for the main thread.
import type { Store } from '../store/open.js';
import { claimDue, claimIds, recordOutcomes, recoverExpiredLeases, releaseLeases, renewLeases, type ClaimedEmail, type ClaimIdsResult, type Outcome } from '../store/emails.js';

export interface ClaimArgs {
  now: number;
  leaseMs: number;
  owner: string;
}

export interface DbPort {
  claimDue(args: ClaimArgs & { limit: number }): Promise<ClaimedEmail[]>;
  claimIds(ids: number[], args: ClaimArgs & { resend: boolean }): Promise<ClaimIdsResult>;
  record(outcomes: Outcome[]): Promise<number>;
  renew(ids: number[], args: ClaimArgs): Promise<number>;
  recover(now: number): Promise<number>;
  release(owner: string): Promise<number>;
  close(): Promise<void>;
}

/** The operations by name: shared by the inline port and the worker's dispatcher. */
export function operations(store: Store) {
  return {
    claimDue: (args: ClaimArgs & { limit: number }) => claimDue(store, args),
    claimIds: (ids: number[], args: ClaimArgs & { resend: boolean }) => claimIds(store, ids, args),
    record: (outcomes: Outcome[]) => recordOutcomes(store, outcomes),
    renew: (ids: number[], args: ClaimArgs) => renewLeases(store, ids, args),
    recover: (now: number) => recoverExpiredLeases(store, now),
    release: (owner: string) => releaseLeases(store, owner),
  };
}

export type OperationName = keyof ReturnType<typeof operations>;

export function inlineDb(store: Store): DbPort {
  const ops = operations(store);
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      try {
        return Promise.resolve(fn(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  return {
    claimDue: wrap(ops.claimDue),
    claimIds: wrap(ops.claimIds),
    record: wrap(ops.record),
    renew: wrap(ops.renew),
    recover: wrap(ops.recover),
    release: wrap(ops.release),
    close: () => Promise.resolve(), // the store belongs to the caller
  };
}
