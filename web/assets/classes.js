// The classes screen: the account's classes (archived ones apart), each opening its gradebook.
import {api} from './api.js';
import {el} from './dom.js';
import {t} from './i18n.js';

export function colourSwatch(colour) {
  const swatch = el('span', {class: 'swatch', 'aria-hidden': 'true'});
  // CSSOM, not a style attribute: the Content-Security-Policy allows it.
  if (/^#[0-9a-f]{3,8}$/i.test(colour || '')) swatch.style.setProperty('--swatch', colour);
  return swatch;
}

function classCard(item) {
  const href = `#/gradebook?${new URLSearchParams({class: item.id})}`;
  return el('li', {class: 'class-card'},
      el('a', {href},
          colourSwatch(item.colour),
          el('span', {class: 'class-name', text: item.name}),
          el('span', {class: 'class-meta', text: [item.subject, item.year].filter(Boolean).join(' · ')})));
}

export async function showClasses(root) {
  const title = el('h1', {text: t('classes.title')});
  const list = el('ul', {class: 'class-list'});
  const archivedList = el('ul', {class: 'class-list archived'});
  const archived = el('details', {class: 'archived-classes'}, el('summary', {text: t('classes.archived')}), archivedList);
  root.append(title, list, archived);

  async function load() {
    const {classes = []} = await api.classes();
    list.replaceChildren(...classes.filter((c) => !c.archived).map(classCard));
    archivedList.replaceChildren(...classes.filter((c) => c.archived).map(classCard));
    archived.hidden = archivedList.children.length === 0;
    if (!classes.length) list.append(el('li', {class: 'empty', text: t('classes.none')}));
  }
  await load();
  return {reload: load};
}
