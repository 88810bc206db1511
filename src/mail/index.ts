// The pure mail domain: no I/O, no database. Imports nothing of ours but
// src/types.ts and src/errors.ts.
export * from './address.js';
export * from './header-safety.js';
export * from './sender.js';
export * from './compose.js';
export * from './classify.js';
export * from './diagnosis.js';
export * from './settings-rules.js';
export * from './redact.js';
export * from './raw-message.js';
export * from './resend.js';
export { decodeWords } from './rfc2047.js';
