// The store's public API in one import: `import * as store from '../store/index.js'`.
export * from './open.js';
export * from './emails.js';
export * from './filter.js';
export { filterSql, filterCondition } from './filter-sql.js';
export * from './settings.js';
export * from './directory.js';
export * from './audit.js';
export * from './ui-state.js';
export { migrationsFolder, knownMigrations } from './migrate.js';
export { translateStoreError, isBusy } from './sqlite-errors.js';
