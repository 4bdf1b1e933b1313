// The class journal: its entries (newest first), each editable in place, and a new entry.
// Every field is saved when the teacher leaves it.
import {api} from './api.js';
import {clear, editingInside, el} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';
import {seen} from './live.js';
import {failed, saved, undoable} from './status.js';

function todayText() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function entryForm(entry, onSave, idPrefix) {
  const field = (name, node, label) => {
    node.id = `${idPrefix}-${name}`;
    return el('div', {class: `field field-${name}`}, el('label', {for: node.id, text: label}), node);
  };
  const date = el('input', {type: 'date', value: entry.date || todayText(), required: true});
  const session = el('input', {type: 'text', value: entry.session || '', placeholder: t('journal.sessionHint')});
  const title = el('input', {type: 'text', value: entry.title || '', class: 'title'});
  const body = el('textarea', {rows: '3'});
  body.value = entry.body || '';
  const done = el('input', {type: 'checkbox', checked: !!entry.done});
  const values = () => ({date: date.value, session: session.value, title: title.value, body: body.value, done: done.checked});
  const form = el('form', {class: 'journal-entry card', dataset: {id: entry.id || ''}},
      field('date', date, t('journal.date')), field('session', session, t('journal.session')),
      field('title', title, t('journal.entryTitle')), field('body', body, t('journal.body')),
      el('label', {class: 'check'}, done, ' ', t('journal.done')));
  return {form, values, fields: [date, session, title, body, done], onSave};
}

export async function showJournal(root, params) {
  const classId = params.class;
  const list = el('div', {class: 'journal-list'});
  const fresh = entryForm({}, null, 'new');
  const addButton = el('button', {type: 'submit', class: 'primary', text: t('journal.add')});
  fresh.form.append(addButton);
  fresh.form.classList.add('new-entry');
  fresh.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = fresh.values();
    if (!v.title.trim() && !v.body.trim()) {
      failed(t('journal.empty'));
      return;
    }
    addButton.disabled = true;
    try {
      const answer = await api.addJournal({class_id: classId, ...v});
      if (answer?.version !== undefined) seen(answer.version);
      fresh.form.reset();
      fresh.fields[0].value = todayText();
      saved();
      await load(true);
    } catch (e) {
      failed(errorText(e)); // what was typed stays in the form
    } finally {
      addButton.disabled = false;
    }
  });
  root.append(el('div', {class: 'screen-head'}, el('h1', {text: t('journal.title')})),
      el('h2', {text: t('journal.new')}), fresh.form, el('h2', {text: t('journal.entries')}), list);

  function render(entries) {
    clear(list);
    if (!entries.length) list.append(el('p', {class: 'empty', text: t('journal.none')}));
    for (const entry of [...entries].sort((a, b) => String(b.date).localeCompare(String(a.date)))) {
      const item = entryForm(entry, null, `entry-${entry.id}`);
      item.form.prepend(el('h3', {class: 'entry-head', text: `${formatDate(entry.date)}${entry.session ? ` · ${entry.session}` : ''}`}));
      item.form.addEventListener('submit', (event) => event.preventDefault());
      const save = async () => {
        try {
          const answer = await api.putJournal({id: entry.id, ...item.values()});
          if (answer?.version !== undefined) seen(answer.version);
          item.form.classList.remove('invalid');
          saved();
        } catch (e) {
          item.form.classList.add('invalid');
          failed(errorText(e));
        }
      };
      for (const f of item.fields) f.addEventListener('change', save);
      const title = entry.title || formatDate(entry.date);
      const remove = el('button', {type: 'button', class: 'danger delete', text: t('delete'),
        'aria-label': t('journal.deleteLabel', {title})});
      remove.addEventListener('click', async () => {
        remove.disabled = true;
        try {
          const answer = await api.deleteRecord('journal_entry', entry.id);
          seen(answer.version);
          await load(true);
          undoable(t('journal.deleted', {title}), async () => {
            seen((await api.undeleteRecord('journal_entry', entry.id)).version);
            await load(true);
          });
        } catch (e) {
          remove.disabled = false;
          failed(errorText(e));
        }
      });
      item.form.append(el('div', {class: 'entry-actions'}, remove));
      list.append(item.form);
    }
  }

  async function load(force = false) {
    if (!force && (editingInside(list) || editingInside(fresh.form))) return;
    const answer = await api.journal(classId);
    seen(answer.version);
    render(answer.entries || []);
  }
  await load(true);
  return {reload: () => load(false)};
}
