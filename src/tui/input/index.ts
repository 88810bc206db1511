export { KeyDispatcherProvider, useKeyLayer, useReachableCommands, useCurrentKey, dispatchKey, PRIORITY } from './key-dispatcher.js';
export type { KeyHandlers, KeyLayerOptions } from './key-dispatcher.js';
export { matchKey, matchKeyName, keyHint, keyLabel } from './match-key.js';
export { TextField } from './text-field.js';
export type { TextFieldProps } from './text-field.js';
