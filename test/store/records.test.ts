import test from 'ava';
import { getSettingsRow, updateSettingsRow } from '../../src/store/settings.js';
import { addDesk, addReader, addTemplate, findDesk, findTemplate, listDesks, listReaders, listTemplates, removeDesk, removeReader, removeTemplate } from '../../src/store/directory.js';
import { appendAudit, listAudit } from '../../src/store/audit.js';
import { getUiState, setUiState } from '../../src/store/ui-state.js';
import { openStore } from '../../src/store/open.js';
import { ValidationError } from '../../src/errors.js';
import { tmpDbPath } from '../helpers/tmp.js';
import { newStore } from './_helpers.js';

test('settings updates stamp who and when; the auto-delivery stamp moves only when the toggle changes', (t) => {
  const store = newStore(t);
  const s0 = getSettingsRow(store);
  t.like(s0, { host: 'localhost', port: 25, autoDelivery: false, autoDeliveryChangedAt: 0, updatedAt: 0 });
  updateSettingsRow(store, { host: 'smtp.example.com', port: 587, password: 's3cret' }, 'alice@10.0.0.1', 1000);
  t.like(getSettingsRow(store), { host: 'smtp.example.com', port: 587, password: 's3cret', updatedAt: 1000, updatedBy: 'alice@10.0.0.1', autoDeliveryChangedAt: 0 });
  updateSettingsRow(store, { autoDelivery: true }, 'bob', 2000);
  t.like(getSettingsRow(store), { autoDelivery: true, autoDeliveryChangedAt: 2000, autoDeliveryChangedBy: 'bob' });
  updateSettingsRow(store, { autoDelivery: true, daysToKeep: 7 }, 'carol', 3000);
  t.like(getSettingsRow(store), { autoDelivery: true, autoDeliveryChangedAt: 2000, autoDeliveryChangedBy: 'bob', daysToKeep: 7, updatedBy: 'carol' });
});

test('settings are shared by every connection to the file', (t) => {
  const path = tmpDbPath(t);
  const a = openStore(path);
  const b = openStore(path);
  t.teardown(() => {
    a.close();
    b.close();
  });
  updateSettingsRow(a, { autoDelivery: true }, 'alice');
  t.true(getSettingsRow(b).autoDelivery);
});

test('templates, readers and desks: add, list, find, remove, clear errors', (t) => {
  const store = newStore(t);
  t.like(addTemplate(store, 'alerts', 'alerts@example.com'), { name: 'alerts', from: 'alerts@example.com' });
  t.like(addTemplate(store, 'plain'), { name: 'plain', from: '' });
  const dup = t.throws(() => addTemplate(store, 'alerts'), { instanceOf: ValidationError });
  t.is(dup!.message, 'template "alerts" already exists: remove it first or choose another name');
  t.throws(() => addTemplate(store, '  '), { instanceOf: ValidationError, message: /must not be empty/ });
  t.deepEqual(listTemplates(store).map((x) => x.name), ['alerts', 'plain']);
  t.is(findTemplate(store, 'alerts')!.from, 'alerts@example.com');
  t.is(findTemplate(store, 'nope'), undefined);

  addReader(store, 'helpdesk-inbox', 'help@example.com');
  t.throws(() => addReader(store, 'helpdesk-inbox', 'x@example.com'), { instanceOf: ValidationError, message: /reader "helpdesk-inbox" already exists/ });
  const unknown = t.throws(() => addDesk(store, 'IT', 'nobody'), { instanceOf: ValidationError });
  t.is(unknown!.message, 'unknown reader "nobody" — known readers are helpdesk-inbox');
  t.is(unknown!.field, 'reader');
  t.like(addDesk(store, 'IT', 'helpdesk-inbox'), { name: 'IT', reader: 'helpdesk-inbox' });
  t.like(addDesk(store, 'HR'), { name: 'HR', reader: null });
  t.throws(() => addDesk(store, 'IT'), { instanceOf: ValidationError, message: /desk "IT" already exists/ });
  t.like(findDesk(store, 'IT'), { name: 'IT', replyAddress: 'help@example.com' });
  t.like(findDesk(store, 'HR'), { name: 'HR', replyAddress: null });
  t.deepEqual(listDesks(store).map((d) => [d.name, d.reader]), [['HR', null], ['IT', 'helpdesk-inbox']]);

  t.true(removeReader(store, 'helpdesk-inbox'));
  t.like(findDesk(store, 'IT'), { replyAddress: null }, 'the desk stays, without a reader');
  t.deepEqual(listReaders(store), []);
  t.true(removeDesk(store, 'IT'));
  t.false(removeDesk(store, 'IT'));
  t.true(removeTemplate(store, 'plain'));
  t.false(removeTemplate(store, 'plain'));
});

test('audit entries are listed newest first', (t) => {
  const store = newStore(t);
  appendAudit(store, { at: 1, actor: 'alice', action: 'auto-delivery', detail: 'on' });
  appendAudit(store, { at: 3, actor: 'bob', action: 'delete', detail: '2 emails' });
  appendAudit(store, { at: 2, actor: 'carol', action: 'send-now', detail: 'ids 1,2' });
  t.deepEqual(listAudit(store, 2).map((e) => e.actor), ['bob', 'carol']);
  t.like(listAudit(store)[2], { at: 1, actor: 'alice', action: 'auto-delivery', detail: 'on' });
});

test('ui state stores JSON values per key', (t) => {
  const store = newStore(t);
  t.is(getUiState(store, 'log'), undefined);
  setUiState(store, 'log', { columns: ['id', 'to'], sort: { column: 'to', direction: 'asc' } });
  t.deepEqual(getUiState(store, 'log'), { columns: ['id', 'to'], sort: { column: 'to', direction: 'asc' } });
  setUiState(store, 'log', { columns: [] });
  t.deepEqual(getUiState(store, 'log'), { columns: [] });
  setUiState(store, 'log', undefined);
  t.is(getUiState(store, 'log'), undefined);
});
