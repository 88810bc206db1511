import test from 'ava';
import { defaultDbPath, resolveDbPath } from '../../src/core/index.js';
import { defaultActor } from '../../src/core/actor.js';

test('defaultDbPath: XDG_DATA_HOME, else ~/.local/share', (t) => {
  t.is(defaultDbPath({ XDG_DATA_HOME: '/data', HOME: '/home/ann' }), '/data/outbound/outbound.db');
  t.is(defaultDbPath({ HOME: '/home/ann' }), '/home/ann/.local/share/outbound/outbound.db');
  t.is(defaultDbPath({ XDG_DATA_HOME: 'relative', HOME: '/home/ann' }), '/home/ann/.local/share/outbound/outbound.db');
});

test('resolveDbPath: flag, else OUTBOUND_DB, else the default', (t) => {
  const env = { OUTBOUND_DB: '/env.db', HOME: '/home/ann' };
  t.is(resolveDbPath('/flag.db', env), '/flag.db');
  t.is(resolveDbPath(undefined, env), '/env.db');
  t.is(resolveDbPath(undefined, { HOME: '/home/ann' }), '/home/ann/.local/share/outbound/outbound.db');
});

test('defaultActor: OS user plus the SSH client address', (t) => {
  t.is(defaultActor({ USER: 'ann', SSH_CLIENT: '203.0.113.9 52144 22' }), 'ann@203.0.113.9');
  t.is(defaultActor({ USER: 'ann', SSH_CONNECTION: '2001:db8::1 52144 2001:db8::2 22' }), 'ann@2001:db8::1');
  t.is(defaultActor({ USER: 'ann' }), 'ann');
});
