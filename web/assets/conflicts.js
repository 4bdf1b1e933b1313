// The conflict list: each edit that lost to a more recent one (on a device or on the web),
// with the kept and the lost value, and Restore to bring the lost value back.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, formatDateTime, formatNumber, t} from './i18n.js';
import {failed, saved} from './status.js';

// A value as the teacher reads it: numbers with the language's decimal separator ("7,5").
function valueText(value) {
  if (value === null || value === undefined || value === '') return t('conflicts.empty');
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) {
    return formatNumber(value, 4);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// The device a side of the conflict was written on, in the teacher's language.
function deviceText(kind, name) {
  if (kind === 'web') return t('conflicts.web');
  if (kind === 'unknown' || !name) return t('conflicts.another');
  return name;
}

// "Mark of Marta Soler in Dictado: 8,5 on Web version (6 Dec 2026, 15:31) replaced 4 on …",
// put together in the page's language from the parts the server gives.
function sentence(c) {
  if (!c.record) return c.sentence || c.field || '';
  const fieldKey = `conflicts.field.${c.field_name}`;
  const fieldLabel = t(fieldKey);
  const vars = {
    record: c.record,
    assessment: c.assessment || '',
    field: fieldLabel === fieldKey ? c.field : fieldLabel,
    kept: valueText(c.kept),
    lost: valueText(c.lost),
    keptDevice: deviceText(c.kept_device_kind, c.kept_device),
    lostDevice: deviceText(c.lost_device_kind, c.lost_device),
    keptWhen: formatDateTime(c.kept_ms),
    lostWhen: formatDateTime(c.lost_ms),
  };
  return t(c.assessment ? 'conflicts.sentence.mark' : 'conflicts.sentence.field', vars);
}

export async function showConflicts(root) {
  const list = el('div', {class: 'conflict-list'});
  root.append(el('div', {class: 'screen-head'}, el('h1', {text: t('conflicts.title')}),
      el('p', {class: 'hint', text: t('conflicts.hint')})), list);

  function card(c) {
    const restore = el('button', {type: 'button', text: c.restored ? t('conflicts.restored') : t('conflicts.restore'), disabled: !!c.restored});
    restore.addEventListener('click', async () => {
      restore.disabled = true;
      try {
        await api.restoreConflict(c.id);
        saved();
        await load();
      } catch (e) {
        restore.disabled = false;
        failed(errorText(e));
      }
    });
    return el('li', {class: `conflict card${c.restored ? ' restored' : ''}`},
        el('p', {class: 'sentence', text: sentence(c)}),
        el('dl', {},
            el('dt', {text: t('conflicts.kept')}),
            el('dd', {}, el('strong', {text: valueText(c.kept)}), ' ', el('span', {class: 'meta', text: t('conflicts.by', {device: deviceText(c.kept_device_kind, c.kept_device), when: formatDateTime(c.kept_ms)})})),
            el('dt', {text: t('conflicts.lost')}),
            el('dd', {}, el('strong', {text: valueText(c.lost)}), ' ', el('span', {class: 'meta', text: t('conflicts.by', {device: deviceText(c.lost_device_kind, c.lost_device), when: formatDateTime(c.lost_ms)})}))),
        restore);
  }

  async function load() {
    const answer = await api.conflicts();
    clear(list);
    const conflicts = answer.conflicts || [];
    if (!conflicts.length) list.append(el('p', {class: 'empty', text: t('conflicts.none')}));
    else list.append(el('ul', {class: 'cards'}, conflicts.map(card)));
  }
  await load();
  return {reload: load};
}
