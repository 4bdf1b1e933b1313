// The line under the header that says "Saved" or what went wrong (a live region, so screen
// readers hear it too).
import {el} from './dom.js';
import {errorText, t} from './i18n.js';

// How long the Undo of a delete stays in the status line (longer while it has the focus).
const kUndoMs = 10000;
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

// "… deleted." with an Undo button for a few seconds. The button takes the focus (what had it
// is gone), so Enter or Space undoes; it stays while it has the focus. `undo` is async; while
// it runs the button is disabled; when it fails, the reason is shown beside it.
export function undoable(text, undo) {
  const node = document.getElementById('status');
  clearTimeout(timer);
  const button = el('button', {type: 'button', class: 'undo', text: t('undo')});
  node.replaceChildren(`${text} `, button);
  node.className = 'status ok';
  const hide = () => {
    if (node.contains(button)) clearStatus();
  };
  const later = () => {
    timer = setTimeout(() => {
      if (document.activeElement === button) button.addEventListener('blur', hide, {once: true});
      else hide();
    }, kUndoMs);
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    clearTimeout(timer);
    try {
      await undo();
      show(t('undone'), 'ok');
    } catch (e) {
      // Nothing came back: say why, and keep Undo to try again.
      button.disabled = false;
      node.replaceChildren(`${errorText(e)} `, button);
      node.className = 'status error';
      button.focus();
    }
  });
  button.focus();
  later();
}
