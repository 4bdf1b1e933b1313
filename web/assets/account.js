// The account: licence, devices and web sessions (each can be signed out), storage used.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, formatDateTime, t} from './i18n.js';
import {failed, info, saved} from './status.js';
import {storageMeter} from './storage.js';

// A browser's name in the teacher's language: the server names web sessions in English from
// their User-Agent ("Web browser (Chrome on Linux)").
function deviceName(d) {
  const parts = d.kind === 'web' && /^Web browser(?: \((.+?)(?: on (.+))?\))?$/.exec(d.name || '');
  if (!parts) return d.name;
  const browser = parts[1] === 'a browser' ? t('account.aBrowser') : parts[1];
  if (!browser) return t('account.kindWeb');
  return parts[2] ? t('account.browserOn', {browser, system: parts[2]}) : t('account.browser', {browser});
}

// The file name the server gives (Content-Disposition), else a plain one.
function exportFileName(answer) {
  const match = /filename="([^"]+)"/.exec(answer.headers.get('Content-Disposition') || '');
  return match ? match[1] : 'pupitre-account.json';
}

// "Download all my data": the teacher's right of access (docs/web.md, "Your data"). The answer
// is saved through a temporary object URL, so a refusal is shown here rather than downloaded.
function exportSection() {
  const button = el('button', {type: 'button', id: 'account-export', text: t('account.export')});
  button.addEventListener('click', async () => {
    button.disabled = true;
    info(t('account.exporting'));
    try {
      const answer = await api.accountExport();
      const file = exportFileName(answer);
      const url = URL.createObjectURL(await answer.blob());
      const link = el('a', {href: url, download: file});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      info(t('account.exported', {file}));
    } catch (e) {
      if (e.status !== 401) failed(errorText(e)); // 401: the sign-in screen says the session ended
    } finally {
      button.disabled = false;
    }
  });
  return el('section', {class: 'card'}, el('h2', {text: t('account.yourData')}),
      el('p', {class: 'hint', text: t('account.exportHint')}), button);
}

export async function showAccount(root) {
  const body = el('div', {class: 'account'});
  root.append(el('div', {class: 'screen-head'}, el('h1', {text: t('account.title')})), body);

  async function load() {
    const a = await api.account();
    clear(body);
    const devices = a.devices || [];
    const slots = devices.filter((d) => d.kind !== 'web').length;
    const rows = devices.map((d) => {
      const button = el('button', {type: 'button', class: 'danger', text: d.current ? t('account.signOutHere') : t('account.signOut'),
        'aria-label': t('account.signOutDevice', {name: deviceName(d)})});
      button.addEventListener('click', async () => {
        if (!window.confirm(t('account.confirmSignOut', {name: deviceName(d)}))) return;
        button.disabled = true;
        try {
          if (d.current) {
            document.getElementById('sign-out').click();
            return;
          }
          await api.unlink(d.id);
          saved();
          await load();
        } catch (e) {
          button.disabled = false;
          failed(errorText(e));
        }
      });
      return el('tr', {class: d.current ? 'current' : ''},
          el('td', {}, el('span', {text: deviceName(d)}), d.current ? el('span', {class: 'tag', text: t('account.thisBrowser')}) : null),
          el('td', {text: d.kind === 'web' ? t('account.kindWeb') : t('account.kindDevice')}),
          el('td', {text: formatDateTime(d.last_seen_ms)}),
          el('td', {}, button));
    });
    body.append(
        el('section', {class: 'card'},
            el('dl', {class: 'facts'},
                el('dt', {text: t('account.email')}), el('dd', {text: a.email}),
                el('dt', {text: t('account.licence')}), el('dd', {text: t(`account.licence.${a.licence}`)}),
                el('dt', {text: t('account.devices')}), el('dd', {text: t('account.slots', {used: slots, max: a.max_devices ?? '?'})}))),
        el('section', {class: 'card'}, el('h2', {text: t('account.storage')}), storageMeter(a.storage)),
        el('section', {class: 'card'}, el('h2', {text: t('account.deviceList')}),
            el('p', {class: 'hint', text: t('account.webHint')}),
            el('table', {class: 'list'},
                el('thead', {}, el('tr', {}, ['account.name', 'account.kind', 'account.lastSeen', ''].map((k) => el('th', {scope: 'col', text: k ? t(k) : ''})))),
                el('tbody', {}, rows))),
        exportSection());
  }
  await load();
  return {reload: load};
}
