export { openOutbound } from './open-outbound.js';
export { defaultDbPath, resolveDbPath } from './paths.js';
export { defaultActor } from './actor.js';
