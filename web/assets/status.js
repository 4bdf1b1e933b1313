// The line under the header that says "Saved" or what went wrong (a live region, so screen
// readers hear it too).
import {t} from './i18n.js';

let timer = 0;

function show(text, kind) {
  const node = document.getElementById('status');
  clearTimeout(timer);
  node.textContent = text;
  node.className = `status ${kind}`;
  if (kind === 'ok') timer = setTimeout(() => { node.textContent = ''; node.className = 'status'; }, 4000);
}

export function saved() {
  show(t('saved'), 'ok');
}

export function saving() {
  show(t('saving'), 'busy');
}

export function failed(text) {
  show(text, 'error');
}

export function info(text) {
  show(text, 'ok');
}

export function clearStatus() {
  show('', '');
}
