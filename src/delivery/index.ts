export { DeliveryEngine, type EngineOptions, type EngineSettings, type CapturedResult } from './engine.js';
export { ChangeWatcher } from './change-watcher.js';
export { purgeOld, cutoff, PURGE_CHUNK, PURGE_SLICE_MS, DAY_MS } from './retention.js';
export { isLocalMta, describeRelay, type RelaySettings } from './transport-options.js';
export { retryDelay, decideRetry, type RetryPolicy } from './backoff.js';
