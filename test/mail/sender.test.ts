import test from 'ava';
import { ValidationError } from '../../src/errors.js';
import { chooseSender } from '../../src/mail/index.js';

test('procedure From wins over everything', (t) => {
  t.deepEqual(chooseSender({ procedure: 'proc@x.example', template: 'tpl@x.example', desk: 'desk@x.example', fallback: 'def@x.example' }),
    { address: 'proc@x.example', header: 'proc@x.example', source: 'procedure' });
});

test('each step falls through to the next when blank', (t) => {
  t.is(chooseSender({ procedure: '  ', template: 'Tpl <tpl@x.example>', desk: 'desk@x.example', fallback: 'def@x.example' }).source, 'template');
  const tpl = chooseSender({ template: 'Tpl <tpl@x.example>', fallback: 'def@x.example' });
  t.is(tpl.address, 'tpl@x.example');
  t.is(tpl.header, 'Tpl <tpl@x.example>');
  t.deepEqual(chooseSender({ procedure: null, template: '', desk: 'desk@x.example', fallback: 'def@x.example' }),
    { address: 'desk@x.example', header: 'desk@x.example', source: 'desk' });
  t.deepEqual(chooseSender({ fallback: 'def@x.example' }), { address: 'def@x.example', header: 'def@x.example', source: 'default' });
});

test('no sender at all is a clear error', (t) => {
  const e = t.throws(() => chooseSender({ fallback: '' }), { instanceOf: ValidationError });
  t.regex(e!.message, /^no sender: set a Default Sender Email/);
});

test('an invalid candidate is an error naming where it came from', (t) => {
  t.is(t.throws(() => chooseSender({ procedure: 'bob@', fallback: 'def@x.example' }))!.message, 'from: "bob@" is not a valid email address');
  t.regex(t.throws(() => chooseSender({ template: 'nope', fallback: 'def@x.example' }))!.message, /^template from: "nope"/);
  t.regex(t.throws(() => chooseSender({ desk: 'x@y\nBcc: z@w', fallback: 'def@x.example' }))!.message, /^desk reply address: contains a line break/);
});
