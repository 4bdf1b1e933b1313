// The gradebook of a class: students down, assessments across (with category and weight),
// averages per category (per term in the whole-year view) and the final one. Each mark cell
// is an <input> named "Given Family — Assessment"; a mark is saved as soon as the teacher
// leaves its cell. Live reloads update the cells in place, leaving the focused one alone.
import {api} from './api.js';
import {append, clear, el} from './dom.js';
import {errorText, formatDate, formatNumber, normaliseDecimal, t} from './i18n.js';
import {seen} from './live.js';
import {failed, saved, saving} from './status.js';
import {onGridKey} from './grid_keys.js';
import {averageText, fails, markText} from './mark_format.js';
import {colourSwatch} from './classes.js';
import {markDetails} from './mark_details.js';

const kKey = (studentId, assessmentId) => `${studentId}\u0000${assessmentId}`;

export function fullName(student) {
  return [student.given_name, student.family_name].filter(Boolean).join(' ');
}

export async function showGradebook(root, params, {go}) {
  const classId = params.class;
  let termId = params.term || '';
  let data = null;
  let marks = new Map(); // key -> mark
  const inputs = new Map(); // key -> input
  const averageCells = new Map(); // `${studentId}:${column}` -> td
  const details = markDetails({save: (mark) => saveMark(mark)});

  const heading = el('div', {class: 'screen-head'});
  const tableWrap = el('div', {class: 'grid-wrap'});
  root.append(heading, details.node, tableWrap);

  function structureOf(d) {
    return JSON.stringify([d.students.map((s) => [s.id, s.given_name, s.family_name]),
      d.assessments.map((a) => [a.id, a.name, a.category_id, a.weight, a.date, a.scale]),
      d.categories.map((c) => [c.id, c.name, c.weight]), d.terms.map((x) => [x.id, x.name])]);
  }

  function renderHead() {
    clear(heading);
    const termSelect = el('select', {id: 'term', 'aria-label': t('gradebook.term')},
        el('option', {value: '', text: t('gradebook.wholeYear')}),
        data.terms.map((term) => el('option', {value: term.id, text: term.name, selected: term.id === termId})));
    termSelect.addEventListener('change', () => go('gradebook', {class: classId, term: termSelect.value}));
    append(heading, [
        el('h1', {}, colourSwatch(data.class.colour), data.class.name),
        el('span', {class: 'class-meta', text: [data.class.subject, data.class.year].filter(Boolean).join(' · ')}),
        data.terms.length ? el('label', {class: 'term-switch'}, t('gradebook.term'), ' ', termSelect) : null,
        el('p', {class: 'hint', text: t('gradebook.hint')})]);
  }

  function categoryName(id) {
    return data.categories.find((c) => c.id === id)?.name || t('gradebook.noCategory');
  }

  function averageColumns() {
    const used = new Set(data.assessments.map((a) => a.category_id).filter(Boolean));
    const columns = data.categories.filter((c) => used.has(c.id))
        .map((c) => ({key: `c:${c.id}`, label: t('gradebook.categoryAverage', {name: c.name}),
          hint: c.weight !== undefined ? t('gradebook.weight', {weight: formatNumber(c.weight)}) : '',
          value: (avg) => avg?.categories?.[c.id]}));
    if (!termId) {
      for (const term of data.terms) {
        columns.push({key: `t:${term.id}`, label: term.name, hint: t('gradebook.termAverage'),
          value: (avg) => avg?.terms?.[term.id]});
      }
    }
    columns.push({key: 'final', label: t('gradebook.final'), hint: '', final: true,
      value: (avg) => (avg?.teacher_final ?? avg?.final)});
    return columns;
  }

  function renderCellState(input, mark, assessment) {
    const status = mark?.status || 'normal';
    input.classList.toggle('excused', status === 'excused');
    input.classList.toggle('missing', status === 'missing');
    input.classList.toggle('has-comment', !!mark?.comment);
    input.classList.toggle('fail', status === 'normal' && fails(mark?.value, assessment.scale));
    input.placeholder = status === 'excused' ? t('status.excusedShort') : status === 'missing' ? t('status.missingShort') : '';
    input.title = [status !== 'normal' ? t(`status.${status}`) : '', mark?.comment || ''].filter(Boolean).join(' — ');
    input.closest('td')?.classList.toggle('has-comment', !!mark?.comment);
  }

  function renderTable() {
    clear(tableWrap);
    inputs.clear();
    averageCells.clear();
    if (!data.students.length || !data.assessments.length) {
      tableWrap.append(el('p', {class: 'empty', text: data.students.length ? t('gradebook.noAssessments') : t('gradebook.noStudents')}));
    }
    const columns = averageColumns();
    const headRow = el('tr', {},
        el('th', {class: 'name-col', scope: 'col', text: t('gradebook.student')}),
        data.assessments.map((a) => el('th', {scope: 'col', class: 'assessment', title: a.name},
            el('span', {class: 'a-name', text: a.name}),
            el('span', {class: 'a-meta', text: [formatDate(a.date), categoryName(a.category_id)].filter(Boolean).join(' · ')}),
            el('span', {class: 'a-meta', text: t('gradebook.weight', {weight: formatNumber(a.weight ?? 1)})}))),
        columns.map((c) => el('th', {scope: 'col', class: c.final ? 'average final' : 'average', title: c.label},
            el('span', {class: 'a-name', text: c.label}), c.hint ? el('span', {class: 'a-meta', text: c.hint}) : null)));
    const averagesByStudent = new Map(data.averages.map((a) => [a.student_id, a]));
    const body = el('tbody');
    // One cell made with el(), the others cloned from it: a 40 × 200 class has 8000.
    const cellTemplate = el('td', {class: 'mark-cell'}, el('input', {
      type: 'text', class: 'mark', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false'}));
    data.students.forEach((student, row) => {
      const name = fullName(student);
      const tr = el('tr', {}, el('th', {scope: 'row', class: 'name-col', text: name}));
      data.assessments.forEach((assessment, col) => {
        const key = kKey(student.id, assessment.id);
        const mark = marks.get(key);
        const text = markText(mark?.value);
        const td = cellTemplate.cloneNode(true);
        const input = td.firstChild;
        input.setAttribute('aria-label', `${name} — ${assessment.name}`);
        input.value = text;
        Object.assign(input.dataset, {row: String(row), col: String(col), student: student.id, assessment: assessment.id, saved: text});
        inputs.set(key, input);
        tr.append(td);
        if (mark) renderCellState(input, mark, assessment);
      });
      const avg = averagesByStudent.get(student.id);
      for (const c of columns) {
        const td = el('td', {class: c.final ? 'average final' : 'average', text: averageText(c.value(avg), data.rounding)});
        if (c.final && avg?.teacher_final !== undefined && avg?.teacher_final !== null) {
          td.classList.add('teacher-final');
          td.title = t('gradebook.teacherFinal', {value: averageText(avg.final, data.rounding)});
        }
        averageCells.set(`${student.id}:${c.key}`, td);
        tr.append(td);
      }
      body.append(tr);
    });
    const table = el('table', {class: 'gradebook', 'aria-label': t('gradebook.title', {name: data.class.name})},
        el('thead', {}, headRow), body);
    // A fixed layout (column widths from the header) lays 8000 cells out several times faster
    // than the automatic one; its width goes through the CSSOM, which the CSP allows.
    table.style.setProperty('--columns', String(data.assessments.length + columns.length));
    table.addEventListener('keydown', onGridKey);
    table.addEventListener('focusin', (event) => {
      if (event.target.matches('input.mark')) {
        event.target.select();
        showDetails(event.target);
      }
    });
    table.addEventListener('focusout', (event) => {
      if (event.target.matches('input.mark')) commit(event.target);
    });
    tableWrap.append(table);
  }

  function assessmentOf(id) {
    return data.assessments.find((a) => a.id === id);
  }

  function showDetails(input) {
    const key = kKey(input.dataset.student, input.dataset.assessment);
    details.show(input.getAttribute('aria-label'), input.dataset.student, input.dataset.assessment,
        marks.get(key), assessmentOf(input.dataset.assessment), () => input.value);
  }

  function updateAverages(avg) {
    for (const c of averageColumns()) {
      const td = averageCells.get(`${avg.student_id}:${c.key}`);
      if (td) td.textContent = averageText(c.value(avg), data.rounding);
    }
    const index = data.averages.findIndex((a) => a.student_id === avg.student_id);
    if (index >= 0) data.averages[index] = avg;
    else data.averages.push(avg);
  }

  // Saves the cell's text when it differs from what the server holds.
  async function commit(input) {
    if (input.value === input.dataset.saved) {
      input.classList.remove('invalid');
      input.removeAttribute('aria-invalid');
      if (input.dataset.pending !== undefined) {
        input.value = input.dataset.saved = input.dataset.pending;
        delete input.dataset.pending;
      }
      return;
    }
    const key = kKey(input.dataset.student, input.dataset.assessment);
    const old = marks.get(key);
    await saveMark({
      student_id: input.dataset.student, assessment_id: input.dataset.assessment,
      value: normaliseDecimal(input.value), comment: old?.comment || '', status: old?.status || 'normal',
    }, input);
  }

  async function saveMark(mark, input = inputs.get(kKey(mark.student_id, mark.assessment_id))) {
    const typed = input?.value;
    input?.classList.add('saving');
    saving();
    try {
      const answer = await api.putMark(mark);
      const stored = answer.mark || mark;
      const key = kKey(mark.student_id, mark.assessment_id);
      marks.set(key, stored);
      if (answer.averages) updateAverages({student_id: mark.student_id, ...answer.averages});
      if (answer.version !== undefined) seen(answer.version);
      if (input) {
        const text = markText(stored.value);
        input.dataset.saved = text;
        delete input.dataset.pending;
        // The teacher may have typed again while saving: keep that text.
        if (input.value === typed) input.value = text;
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
        renderCellState(input, stored, assessmentOf(mark.assessment_id));
        if (document.activeElement === input) showDetails(input);
      }
      saved();
      return true;
    } catch (e) {
      const message = errorText(e);
      if (input) {
        input.classList.add('invalid');
        input.setAttribute('aria-invalid', 'true');
        input.title = message;
      }
      failed(`${input ? `${input.getAttribute('aria-label')}: ` : ''}${message}`);
      return false;
    } finally {
      input?.classList.remove('saving');
    }
  }

  // Live: the same rows and columns update in place; cells with focus or unsaved text stay.
  function patch(next) {
    const nextMarks = new Map(next.marks.map((m) => [kKey(m.student_id, m.assessment_id), m]));
    data.averages = next.averages;
    marks = nextMarks;
    for (const [key, input] of inputs) {
      const mark = nextMarks.get(key);
      const text = markText(mark?.value);
      const untouched = input.value === input.dataset.saved && !input.classList.contains('invalid');
      if (document.activeElement !== input && untouched) {
        input.value = text;
        input.dataset.saved = text;
        delete input.dataset.pending;
      } else {
        // Being edited: the server's text is applied when the teacher leaves the cell
        // without having changed it.
        input.dataset.pending = text;
      }
      renderCellState(input, mark, assessmentOf(input.dataset.assessment));
    }
    for (const avg of next.averages) updateAverages(avg);
  }

  async function load() {
    const next = await api.gradebook(classId, termId || undefined);
    seen(next.version);
    for (const list of ['terms', 'categories', 'assessments', 'students', 'marks', 'averages']) next[list] ||= [];
    if (data && structureOf(data) === structureOf(next)) {
      data = {...next};
      patch(next);
      return;
    }
    // Another shape (an assessment or a student came or went): draw again, keeping the
    // focused cell's typed text and caret.
    const active = document.activeElement?.matches?.('input.mark') ? document.activeElement : null;
    const keep = active && {key: kKey(active.dataset.student, active.dataset.assessment), value: active.value,
      start: active.selectionStart, end: active.selectionEnd, saved: active.dataset.saved};
    data = next;
    marks = new Map(next.marks.map((m) => [kKey(m.student_id, m.assessment_id), m]));
    renderHead();
    renderTable();
    const again = keep && inputs.get(keep.key);
    if (again) {
      if (keep.value !== keep.saved) again.value = keep.value;
      again.focus();
      again.setSelectionRange(keep.start, keep.end);
    }
  }

  await load();
  return {reload: load};
}
