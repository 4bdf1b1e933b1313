// The account: licence, devices and web sessions (each can be signed out), storage used.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, formatDateTime, t} from './i18n.js';
import {failed, saved} from './status.js';
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
                el('tbody', {}, rows))));
  }
  await load();
  return {reload: load};
}
