// The web version's shell: sign-in, the header's menu and language switch, the screens by
// address (#/gradebook?class=ID), and live reloads. No Synchronise button: every edit is
// saved to the server at once.
import {api, setCsrf, whenSignedOut} from './api.js';
import {clear, el} from './dom.js';
import {currentLanguage, initI18n, setLanguage, t, translateStatic} from './i18n.js';
import {startLive, stopLive} from './live.js';
import {clearStatus, failed} from './status.js';
import {showLogin} from './login.js';
import {showClasses} from './classes.js';
import {showGradebook} from './gradebook.js';
import {showAttendance} from './attendance.js';
import {showJournal} from './journal.js';
import {showStudents} from './students.js';
import {showComments} from './comments.js';
import {showResources} from './resources.js';
import {showConflicts} from './conflicts.js';
import {showAccount} from './account.js';
import {errorText} from './i18n.js';

const screens = {
  classes: showClasses,
  gradebook: showGradebook,
  attendance: showAttendance,
  journal: showJournal,
  students: showStudents,
  comments: showComments,
  resources: showResources,
  conflicts: showConflicts,
  account: showAccount,
};
const kClassScreens = ['gradebook', 'attendance', 'journal', 'students', 'comments', 'resources'];

let session = null;   // {email, licence, csrf} once signed in
let current = null;   // the shown screen's controller: {reload()}
let lastClass = '';
let renders = 0;      // counts render() calls: a later one owns the screen

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, search = ''] = hash.split('?');
  return {name: screens[name] ? name : 'classes', params: Object.fromEntries(new URLSearchParams(search))};
}

export function go(name, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
  const hash = `#/${name}${search.toString() ? `?${search}` : ''}`;
  if (location.hash === hash) render();
  else location.hash = hash;
}

function renderNav(active, classId) {
  const nav = document.querySelector('.main-nav');
  clear(nav);
  nav.hidden = !session;
  if (!session) return;
  const link = (name, label, params) => {
    const search = new URLSearchParams(params || {}).toString();
    return el('a', {
      href: `#/${name}${search ? `?${search}` : ''}`,
      'aria-current': name === active ? 'page' : undefined,
      text: label,
    });
  };
  nav.append(link('classes', t('nav.classes')));
  if (classId) {
    for (const name of kClassScreens) nav.append(link(name, t(`nav.${name}`), {class: classId}));
  }
  nav.append(link('conflicts', t('nav.conflicts')), link('account', t('nav.account')));
}

function renderHeader() {
  translateStatic();
  document.getElementById('language').value = currentLanguage();
  document.getElementById('who').textContent = session ? session.email : '';
  document.getElementById('sign-out').hidden = !session;
}

async function render() {
  const generation = ++renders;
  const root = document.getElementById('screen');
  renderHeader();
  if (!session) {
    renderNav();
    current = null;
    showLogin(root, signedIn);
    return;
  }
  const {name, params} = route();
  if (kClassScreens.includes(name) && params.class) lastClass = params.class;
  if (kClassScreens.includes(name) && !params.class && lastClass) params.class = lastClass;
  renderNav(name, lastClass);
  clearStatus();
  clear(root);
  current = null;
  try {
    const shown = await screens[name](root, params, {go});
    if (generation === renders) current = shown;
  } catch (e) {
    // A later render owns the screen: the sign-in screen when this one's call found the
    // session ended (signed out from another device), or another address. Leave it.
    if (generation !== renders) return;
    clear(root);
    root.append(el('p', {class: 'error-box', role: 'alert', text: errorText(e)}));
  }
}

async function signedIn(answer) {
  session = answer;
  setCsrf(answer.csrf);
  clearStatus();
  await startLive(async () => {
    if (current && current.reload) await current.reload();
  });
  if (!location.hash || location.hash === '#/' || location.hash.startsWith('#/login')) go('classes');
  else render();
}

function signedOut() {
  session = null;
  setCsrf('');
  stopLive();
  render();
}

async function start() {
  await initI18n();
  document.getElementById('language').addEventListener('change', async (event) => {
    await setLanguage(event.target.value);
    render();
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await api.logout();
    } catch (e) {
      if (e.status !== 401) {
        failed(errorText(e));
        return;
      }
    }
    signedOut();
  });
  whenSignedOut(() => {
    if (session) {
      signedOut();
      failed(t('sessionEnded'));
    }
  });
  window.addEventListener('hashchange', () => render());
  try {
    const answer = await api.session();
    await signedIn(answer);
  } catch (e) {
    signedOut();
  }
}

start();
