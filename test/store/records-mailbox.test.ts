import test from 'ava';
import { addReader, addTemplate, findDesk, addDesk, findTemplate, listReaders } from '../../src/store/directory.js';
import { ValidationError } from '../../src/errors.js';
import { newStore } from './_helpers.js';

test('template From and reader Reply keep their display name, normalised; bad ones are refused', (t) => {
  const store = newStore(t);
  t.like(addTemplate(store, 't2', '  Backups <backup@example.com> '), { from: 'Backups <backup@example.com>' });
  t.is(findTemplate(store, 't2')!.from, 'Backups <backup@example.com>');
  t.like(addTemplate(store, 'quoted', '"Doe, Jane" <jane@example.com>'), { from: '"Doe, Jane" <jane@example.com>' });
  t.like(addTemplate(store, 'bare', 'plain@example.com'), { from: 'plain@example.com' });
  t.like(addTemplate(store, 'none'), { from: '' });
  addReader(store, 'r2', 'Help Desk <help@example.com>');
  t.is(listReaders(store).find((r) => r.name === 'r2')!.reply, 'Help Desk <help@example.com>');
  addDesk(store, 'Helpdesk', 'r2');
  t.is(findDesk(store, 'Helpdesk')!.replyAddress, 'Help Desk <help@example.com>');
  t.throws(() => addTemplate(store, 'bad', 'a b@example.com'), { instanceOf: ValidationError, message: /^from: "a b@example\.com" is not a valid/ });
  t.throws(() => addReader(store, 'bad', 'nobody'), { instanceOf: ValidationError, message: /^reply: "nobody" is not a valid/ });
  t.throws(() => addReader(store, 'empty', ' '), { instanceOf: ValidationError, message: /^reply: an email address is required/ });
  t.is(findTemplate(store, 'bad'), undefined);
});
