import test from 'ava';
import { ValidationError } from '../../src/errors.js';
import {
  assertCustomHeaders, assertHeaderSafe, formatAddressList, isValidAddress, parseAddress, parseAddressList, parseMailboxList,
} from '../../src/mail/index.js';

const err = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
};

test('parses "Name <addr>" and comma-separated lists into bare addresses', (t) => {
  t.deepEqual(parseAddressList('Bob <bob@b.example>, carol@c.example', 'to'), ['bob@b.example', 'carol@c.example']);
  t.deepEqual(parseAddressList(['a@x.example', 'B <b@y.example>, c@z.example'], 'to'), ['a@x.example', 'b@y.example', 'c@z.example']);
  t.deepEqual(parseMailboxList('"Doe, Jane" <jane@x.example>', 'cc'), [{ name: 'Doe, Jane', address: 'jane@x.example' }]);
  t.is(parseAddress('Ops Team <ops@example.com>', 'from'), 'ops@example.com');
  t.deepEqual(parseAddressList('', 'cc'), []);
  t.deepEqual(parseAddressList(undefined, 'cc'), []);
});

test('rejects invalid addresses naming the field and the value', (t) => {
  t.is(err(() => parseAddressList('bob@', 'to')).message, 'to: "bob@" is not a valid email address');
  t.is(err(() => parseAddressList('ok@x.example, bob', 'cc')).message, 'cc: "bob" is not a valid email address');
  t.is(err(() => parseAddressList('@x.example', 'bcc')).message, 'bcc: "@x.example" is not a valid email address');
  t.is(err(() => parseAddressList('a@@x.example', 'to')).field, 'to');
  t.regex(err(() => parseAddressList('a@x.example b@y.example', 'to')).message, /separate addresses with commas/);
  t.regex(err(() => parseAddressList('team: a@x.example, b@y.example;', 'to')).message, /^to: address groups .* not supported/);
  t.deepEqual(parseAddressList('team: a@x.example, b@y.example;', 'to', { allowGroups: true }), ['a@x.example', 'b@y.example']);
  t.regex(err(() => parseAddress('a@x.example, b@y.example', 'from')).message, /^from: must be a single email address/);
});

test('address syntax: accepts common real forms, rejects broken ones', (t) => {
  for (const ok of ['root@localhost', 'a.b+tag@sub.example.co.uk', 'x@[127.0.0.1]', 'jürgen@bücher.de', '"john doe"@x.example']) {
    t.true(isValidAddress(ok), ok);
  }
  for (const bad of ['', 'bob', 'bob@', '@x', 'a@b@c', 'a..b@x.example', '.a@x.example', 'a@-x.example', 'a@x..example', 'a b@x.example']) {
    t.false(isValidAddress(bad), bad);
  }
});

test('CR, LF and NUL are header injection in every field', (t) => {
  t.is(err(() => parseAddressList('a@x.example\r\nBcc: evil@y.example', 'to')).message, 'to: contains a line break (header injection is not allowed)');
  t.is(err(() => parseAddress('a@x.example\n', 'from')).field, 'from');
  t.is(err(() => assertHeaderSafe('Hi\nBcc: x@y', 'subject')).message, 'subject: contains a line break (header injection is not allowed)');
  t.regex(err(() => assertHeaderSafe('Hi\0', 'subject')).message, /^subject: contains a NUL/);
  t.regex(err(() => assertCustomHeaders({ 'X-Tag': 'a\r\nBcc: x@y' })).message, /^headers\.X-Tag: contains a line break/);
  t.regex(err(() => assertCustomHeaders({ 'Bad Name': 'x' })).message, /not a valid header name/);
  t.regex(err(() => assertCustomHeaders({ Bcc: 'x@y.example' })).message, /cannot be set as a custom header/);
  t.deepEqual(assertCustomHeaders({ 'X-Ticket': '42' }), { 'X-Ticket': '42' });
});

test('formatAddressList quotes names that need it', (t) => {
  t.is(formatAddressList([{ name: 'Ann', address: 'a@x.example' }, 'b@y.example']), 'Ann <a@x.example>, b@y.example');
  t.is(formatAddressList([{ name: 'Doe, Jane', address: 'j@x.example' }]), '"Doe, Jane" <j@x.example>');
});

test('an unquoted name before a bare address (a space typo) is refused, not rewritten to "a <b@…>"', (t) => {
  t.regex(err(() => parseAddressList('a b@example.com', 'to')).message, /^to: "a b@example\.com" is not a valid email address/);
  t.regex(err(() => parseAddressList('joe smith@corp.example', 'cc')).message, /^cc: "joe smith@corp\.example" is not a valid email address/);
  t.is(err(() => parseAddressList('Ann <ann@x.example>, b c@y.example', 'bcc')).field, 'bcc');
  t.is(err(() => parseAddress('"Joe" joe@x.example', 'from')).field, 'from');
  // The forms with a name that stay accepted.
  t.deepEqual(parseMailboxList('Name <n@x.example>, "Quoted Name" <q@x.example>, Bob<b@x.example>', 'to'), [
    { name: 'Name', address: 'n@x.example' },
    { name: 'Quoted Name', address: 'q@x.example' },
    { name: 'Bob', address: 'b@x.example' },
  ]);
  t.deepEqual(parseMailboxList('Müller < m@x.example >', 'to'), [{ name: 'Müller', address: 'm@x.example' }]);
  t.deepEqual(parseMailboxList('c@x.example (Carol)', 'to'), [{ name: 'Carol', address: 'c@x.example' }]);
});
