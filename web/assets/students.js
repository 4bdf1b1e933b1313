// The class's students: picture (when the server holds it), names, e-mail and notes, each
// field saved when the teacher leaves it.
import {api} from './api.js';
import {clear, editingInside, el} from './dom.js';
import {errorText, t} from './i18n.js';
import {seen} from './live.js';
import {failed, saved} from './status.js';
import {fullName} from './gradebook.js';

const kFields = ['given_name', 'family_name', 'email', 'notes'];

function initials(student) {
  return [student.given_name, student.family_name].map((n) => (n || '').trim().charAt(0)).join('').toUpperCase();
}

function studentCard(student) {
  const picture = student.has_picture
    ? el('img', {class: 'picture', src: api.pictureUrl(student.id), alt: t('students.pictureOf', {name: fullName(student)}), loading: 'lazy'})
    : el('span', {class: 'picture placeholder', 'aria-hidden': 'true', text: initials(student)});
  const card = el('form', {class: 'student card', dataset: {id: student.id}}, picture);
  card.addEventListener('submit', (event) => event.preventDefault());
  const inputs = {};
  for (const name of kFields) {
    const id = `student-${student.id}-${name}`;
    const input = name === 'notes' ? el('textarea', {id, rows: '2'}) : el('input', {id, type: name === 'email' ? 'email' : 'text'});
    input.value = student[name] || '';
    inputs[name] = input;
    card.append(el('div', {class: `field field-${name}`}, el('label', {for: id, text: t(`students.${name}`)}), input));
    input.addEventListener('change', async () => {
      const update = {id: student.id};
      for (const [k, v] of Object.entries(inputs)) update[k] = v.value;
      try {
        const answer = await api.putStudent(update);
        if (answer?.version !== undefined) seen(answer.version);
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
        saved();
      } catch (e) {
        input.classList.add('invalid');
        input.setAttribute('aria-invalid', 'true');
        failed(`${fullName(student)}: ${errorText(e)}`);
      }
    });
  }
  return card;
}

export async function showStudents(root, params) {
  const list = el('div', {class: 'student-list'});
  root.append(el('div', {class: 'screen-head'}, el('h1', {text: t('students.title')})), list);
  async function load(force = false) {
    if (!force && editingInside(list)) return;
    const answer = await api.students(params.class);
    seen(answer.version);
    clear(list);
    const students = answer.students || [];
    if (!students.length) list.append(el('p', {class: 'empty', text: t('gradebook.noStudents')}));
    list.append(...students.map(studentCard));
  }
  await load(true);
  return {reload: () => load(false)};
}
