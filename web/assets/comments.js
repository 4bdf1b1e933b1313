// Report card comments: the class's school name and, for the period chosen (the whole year
// or a term), each student's comment on the report card, saved when the teacher leaves the
// field. They are the same records as the app's and pupitrectl's: they reach the devices on
// their next synchronisation and print on the report cards made there.
import {api} from './api.js';
import {append, clear, editingInside, el} from './dom.js';
import {errorText, t} from './i18n.js';
import {seen} from './live.js';
import {failed, saved} from './status.js';
import {fullName} from './gradebook.js';

// Marks a field as refused (or accepted again) for the eye and for screen readers.
function markInvalid(input, invalid) {
  input.classList.toggle('invalid', invalid);
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

export async function showComments(root, params, {go}) {
  const classId = params.class;
  const termId = params.term || '';
  const heading = el('div', {class: 'screen-head'});
  const list = el('div', {class: 'comment-list'});
  root.append(heading, list);

  function counter(textarea, max) {
    const node = el('span', {class: 'count meta'});
    const update = () => {
      node.textContent = t('comments.count', {count: [...textarea.value].length, max});
    };
    textarea.addEventListener('input', update);
    update();
    return node;
  }

  function commentCard(student, max) {
    const id = `comment-${student.id}`;
    const textarea = el('textarea', {id, rows: '3', class: 'report-comment', dataset: {student: student.id}});
    textarea.value = student.comment || '';
    textarea.addEventListener('change', async () => {
      try {
        const answer = await api.putComment({class_id: classId, student_id: student.id, term_id: termId, text: textarea.value});
        if (answer?.version !== undefined) seen(answer.version);
        textarea.value = answer.comment.text;
        markInvalid(textarea, false);
        saved();
      } catch (e) {
        markInvalid(textarea, true);
        failed(`${fullName(student)}: ${errorText(e)}`);
      }
    });
    return el('div', {class: 'comment card', dataset: {id: student.id}},
        el('label', {for: id, text: `${student.family_name}, ${student.given_name}`}),
        textarea, counter(textarea, max));
  }

  function renderHead(answer, className) {
    clear(heading);
    const period = el('select', {id: 'period', 'aria-label': t('comments.period')},
        el('option', {value: '', text: t('gradebook.wholeYear')}),
        (answer.terms || []).map((term) => el('option', {value: term.id, text: term.name, selected: term.id === termId})));
    period.addEventListener('change', () => go('comments', {class: classId, term: period.value}));
    const school = el('input', {id: 'school', type: 'text', value: answer.school || '', placeholder: t('comments.schoolHint')});
    school.addEventListener('change', async () => {
      try {
        const result = await api.putClass({id: classId, school: school.value});
        if (result?.version !== undefined) seen(result.version);
        school.value = result.class.school;
        markInvalid(school, false);
        saved();
      } catch (e) {
        markInvalid(school, true);
        failed(errorText(e));
      }
    });
    append(heading, [
      el('h1', {text: t('comments.title', {name: className})}),
      el('div', {class: 'comment-settings'},
          el('label', {class: 'term-switch'}, t('comments.period'), ' ', period),
          el('label', {class: 'school-field', for: 'school'}, t('comments.school')), school),
      el('p', {class: 'hint', text: t('comments.hint')})]);
  }

  let className = '';
  async function load(force = false) {
    if (!force && (editingInside(list) || editingInside(heading))) return;
    const answer = await api.comments(classId, termId);
    seen(answer.version);
    if (!className) {
      const classes = await api.classes();
      className = (classes.classes || []).find((c) => c.id === classId)?.name || '';
    }
    renderHead(answer, className);
    clear(list);
    const students = answer.students || [];
    if (!students.length) list.append(el('p', {class: 'empty', text: t('gradebook.noStudents')}));
    list.append(...students.map((s) => commentCard(s, answer.max_length)));
  }
  await load(true);
  return {reload: () => load(false)};
}
