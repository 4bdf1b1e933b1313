// The conflict list: each edit that lost to a more recent one (on a device or on the web),
// with the kept and the lost value, and Restore to bring the lost value back.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, formatDateTime, t} from './i18n.js';
import {failed, saved} from './status.js';

function valueText(value) {
  if (value === null || value === undefined || value === '') return t('conflicts.empty');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
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
        el('p', {class: 'sentence', text: c.sentence || c.field || ''}),
        el('dl', {},
            el('dt', {text: t('conflicts.kept')}),
            el('dd', {}, el('strong', {text: valueText(c.kept)}), ' ', el('span', {class: 'meta', text: t('conflicts.by', {device: c.kept_device || '?', when: formatDateTime(c.kept_ms)})})),
            el('dt', {text: t('conflicts.lost')}),
            el('dd', {}, el('strong', {text: valueText(c.lost)}), ' ', el('span', {class: 'meta', text: t('conflicts.by', {device: c.lost_device || '?', when: formatDateTime(c.lost_ms)})}))),
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
