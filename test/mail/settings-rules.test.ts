import test from 'ava';
import { ValidationError } from '../../src/errors.js';
import { validateSettingsPatch } from '../../src/mail/index.js';

const fails = (t: import('ava').ExecutionContext, patch: Record<string, unknown>, message: string | RegExp, field: string) => {
  const e = t.throws(() => validateSettingsPatch(patch), { instanceOf: ValidationError })!;
  if (typeof message === 'string') t.is(e.message, message);
  else t.regex(e.message, message);
  t.is((e as ValidationError).field, field);
};

test('normalises CLI strings to typed values', (t) => {
  t.deepEqual(
    validateSettingsPatch({
      host: ' smtp.example.com ', port: '587', user: 'alerts', security: 'STARTTLS', verifyCertificates: 'off', daysToKeep: '30',
      defaultSender: 'Alerts <alerts@example.com>', maxConnections: '5', rateLimit: '0', maxLifetimeHours: '120', autoDelivery: 'yes',
    }),
    {
      host: 'smtp.example.com', port: 587, user: 'alerts', security: 'starttls', verifyCertificates: false, daysToKeep: 30,
      defaultSender: 'Alerts <alerts@example.com>', maxConnections: 5, rateLimit: 0, maxLifetimeHours: 120, autoDelivery: true,
    },
  );
  t.deepEqual(validateSettingsPatch({ autoDelivery: 'on', verifyCertificates: 'true' }), { autoDelivery: true, verifyCertificates: true });
  t.deepEqual(validateSettingsPatch({ autoDelivery: false, port: 25 }), { autoDelivery: false, port: 25 });
  t.deepEqual(validateSettingsPatch({ defaultSender: '' }), { defaultSender: '' });
  t.deepEqual(validateSettingsPatch({ host: '192.0.2.10' }), { host: '192.0.2.10' });
  t.deepEqual(validateSettingsPatch({ host: '[2001:db8::1]' }), { host: '2001:db8::1' });
  t.deepEqual(validateSettingsPatch({ host: 'localhost' }), { host: 'localhost' });
  t.deepEqual(validateSettingsPatch({}), {});
});

test('each field is checked and named', (t) => {
  fails(t, { port: '70000' }, 'port: must be a whole number from 1 to 65535 (got "70000")', 'port');
  fails(t, { port: '25.5' }, /^port: must be a whole number/, 'port');
  fails(t, { port: 0 }, 'port: must be a whole number from 1 to 65535 (got "0")', 'port');
  fails(t, { host: '' }, /^host: must not be empty/, 'host');
  fails(t, { host: 'smtp example.com' }, /^host: must not contain spaces/, 'host');
  fails(t, { host: 'smtp.example.com:587' }, 'host: give the port separately (host=smtp.example.com port=587)', 'host');
  fails(t, { host: 'bad_host!' }, /^host: "bad_host!" is not a valid host name/, 'host');
  fails(t, { user: 'a\r\nb' }, 'user: contains a line break (header injection is not allowed)', 'user');
  fails(t, { security: 'ssl' }, 'security: must be one of starttls, require-starttls, tls, none (got "ssl")', 'security');
  fails(t, { verifyCertificates: 'maybe' }, /^verifyCertificates: must be on or off/, 'verifyCertificates');
  fails(t, { daysToKeep: '0' }, 'daysToKeep: must be a whole number from 1 to 3650 (got "0")', 'daysToKeep');
  fails(t, { defaultSender: 'bob@' }, 'defaultSender: "bob@" is not a valid email address', 'defaultSender');
  fails(t, { defaultSender: 'a@x.example, b@y.example' }, /^defaultSender: must be a single email address/, 'defaultSender');
  fails(t, { maxConnections: 51 }, /^maxConnections: must be a whole number from 1 to 50/, 'maxConnections');
  fails(t, { rateLimit: -1 }, /^rateLimit: must be a whole number from 0 to 10000/, 'rateLimit');
  fails(t, { maxLifetimeHours: '9000' }, /^maxLifetimeHours: must be a whole number from 1 to 8760/, 'maxLifetimeHours');
  fails(t, { autoDelivery: 'sometimes' }, /^autoDelivery: must be on or off/, 'autoDelivery');
  fails(t, { colour: 'blue' }, /^colour: unknown setting/, 'colour');
});

test('a bad password is refused without echoing it', (t) => {
  const e = t.throws(() => validateSettingsPatch({ password: 's3cret-value\n' }))!;
  t.false(e.message.includes('s3cret'));
  t.is(validateSettingsPatch({ password: 'p@ss word' }).password, 'p@ss word');
});
