// The sign-in screen: the account's e-mail and password, the server's answer as a sentence.
import {api} from './api.js';
import {clear, el} from './dom.js';
import {errorText, t} from './i18n.js';

export function showLogin(root, onSignedIn) {
  clear(root);
  const email = el('input', {type: 'email', name: 'email', id: 'login-email', autocomplete: 'username', required: true});
  const password = el('input', {type: 'password', name: 'password', id: 'login-password', autocomplete: 'current-password', required: true});
  const message = el('p', {class: 'form-error', role: 'alert', id: 'login-error'});
  const button = el('button', {type: 'submit', class: 'primary', text: t('login.submit')});
  const form = el('form', {class: 'login card', novalidate: true},
      el('h1', {text: t('login.title')}),
      el('p', {class: 'hint', text: t('login.hint')}),
      el('label', {for: 'login-email', text: t('login.email')}), email,
      el('label', {for: 'login-password', text: t('login.password')}), password,
      message, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    if (!email.value.trim() || !password.value) {
      message.textContent = t('login.missing');
      return;
    }
    button.disabled = true;
    try {
      const answer = await api.login(email.value.trim(), password.value);
      password.value = '';
      await onSignedIn(answer);
    } catch (e) {
      message.textContent = errorText(e);
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  root.append(form);
  email.focus();
}
