// The class's resources: the list (download when the server holds the file) and an upload
// within the account's storage quota, which is shown.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, formatBytes, t} from './i18n.js';
import {seen} from './live.js';
import {failed, info, saved, undoable} from './status.js';
import {storageMeter} from './storage.js';

export async function showResources(root, params) {
  const classId = params.class;
  const meter = el('div', {class: 'storage-box'});
  const list = el('div', {class: 'resource-list'});
  const file = el('input', {type: 'file', id: 'resource-file'});
  const upload = el('button', {type: 'submit', class: 'primary', text: t('resources.upload')});
  const form = el('form', {class: 'upload card'},
      el('label', {for: 'resource-file', text: t('resources.choose')}), file, upload);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      failed(t('resources.noFile'));
      return;
    }
    upload.disabled = true;
    info(t('resources.uploading', {name: chosen.name}));
    try {
      await api.uploadResource(classId, chosen);
      form.reset();
      saved();
      await load();
    } catch (e) {
      failed(`${chosen.name}: ${errorText(e)}`);
    } finally {
      upload.disabled = false;
    }
  });
  root.append(el('div', {class: 'screen-head'}, el('h1', {text: t('resources.title')})), meter, form, list);

  function deleteButton(r) {
    const button = el('button', {type: 'button', class: 'danger delete', text: t('delete'),
      'aria-label': t('resources.deleteLabel', {name: r.file_name})});
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        seen((await api.deleteRecord('resource', r.id)).version);
        await load();
        undoable(t('resources.deleted', {name: r.file_name}), async () => {
          seen((await api.undeleteRecord('resource', r.id)).version);
          await load();
        });
      } catch (e) {
        button.disabled = false;
        failed(`${r.file_name}: ${errorText(e)}`);
      }
    });
    return button;
  }

  async function load() {
    const answer = await api.resources(classId);
    meter.replaceChildren(storageMeter(answer.storage));
    clear(list);
    const resources = answer.resources || [];
    if (!resources.length) {
      list.append(el('p', {class: 'empty', text: t('resources.none')}));
      return;
    }
    const rows = resources.map((r) => el('tr', {},
        el('td', {}, r.held
          ? el('a', {href: api.resourceUrl(r.id), download: r.file_name, text: r.file_name})
          : el('span', {text: r.file_name})),
        el('td', {text: r.mime_type || ''}),
        el('td', {class: 'number', text: formatBytes(r.size)}),
        el('td', {text: r.held ? t('resources.held') : t('resources.notHeld')}),
        el('td', {}, deleteButton(r))));
    list.append(el('table', {class: 'list'},
        el('thead', {}, el('tr', {}, ['resources.name', 'resources.type', 'resources.size', 'resources.onServer', 'resources.actions']
            .map((k) => el('th', {scope: 'col', text: t(k)})))),
        el('tbody', {}, rows)));
  }
  await load();
  return {reload: load};
}
