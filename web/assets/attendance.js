// Attendance of one day: each student's state (present, absent, late, justified) per session
// of the day, with a note; each change is saved at once.
import {api} from './api.js';
import {clear, editingInside, el} from './dom.js';
import {errorText, formatDate, t} from './i18n.js';
import {seen} from './live.js';
import {failed, saved} from './status.js';
import {fullName} from './gradebook.js';

const kStates = ['present', 'absent', 'late', 'justified'];

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function showAttendance(root, params, {go}) {
  const classId = params.class;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.date || '') ? params.date : today();
  const dateInput = el('input', {type: 'date', id: 'attendance-date', value: date});
  dateInput.addEventListener('change', () => dateInput.value && go('attendance', {class: classId, date: dateInput.value}));
  const body = el('div', {class: 'attendance'});
  root.append(el('div', {class: 'screen-head'},
      el('h1', {text: t('attendance.title', {date: formatDate(date)})}),
      el('label', {for: 'attendance-date', text: t('attendance.date')}), dateInput), body);

  async function put(record, control) {
    control.classList.add('saving');
    try {
      const answer = await api.putAttendance(record);
      if (answer?.version !== undefined) seen(answer.version);
      control.classList.remove('invalid');
      saved();
    } catch (e) {
      control.classList.add('invalid');
      failed(errorText(e));
    } finally {
      control.classList.remove('saving');
    }
  }

  function render(data) {
    clear(body);
    const sessions = data.sessions?.length ? data.sessions : [''];
    const records = new Map((data.records || []).map((r) => [`${r.student_id}\u0000${r.session}`, r]));
    const head = el('tr', {}, el('th', {scope: 'col', class: 'name-col', text: t('gradebook.student')}),
        sessions.map((s) => el('th', {scope: 'col', text: s || t('attendance.day')})),
        el('th', {scope: 'col', text: t('attendance.note')}));
    const rows = (data.students || []).map((student) => {
      const name = fullName(student);
      const tr = el('tr', {}, el('th', {scope: 'row', class: 'name-col', text: name}));
      let noteSession = sessions[0];
      for (const session of sessions) {
        const record = records.get(`${student.id}\u0000${session}`);
        const select = el('select', {'aria-label': `${name} — ${session || t('attendance.day')}`,
          class: `state state-${record?.state || 'present'}`},
        kStates.map((s) => el('option', {value: s, text: t(`attendance.${s}`), selected: (record?.state || 'present') === s})));
        select.addEventListener('change', () => {
          select.className = `state state-${select.value}`;
          put({student_id: student.id, date, session, state: select.value,
            note: records.get(`${student.id}\u0000${session}`)?.note || ''}, select);
        });
        tr.append(el('td', {}, select));
      }
      const noteRecord = records.get(`${student.id}\u0000${noteSession}`);
      const note = el('input', {type: 'text', class: 'note', value: noteRecord?.note || '',
        'aria-label': t('attendance.noteFor', {name})});
      let savedNote = note.value;
      note.addEventListener('change', async () => {
        const state = tr.querySelector('select.state')?.value || 'present';
        await put({student_id: student.id, date, session: noteSession, state, note: note.value}, note);
        if (!note.classList.contains('invalid')) savedNote = note.value;
      });
      note.dataset.saved = savedNote;
      tr.append(el('td', {}, note));
      return tr;
    });
    if (!rows.length) body.append(el('p', {class: 'empty', text: t('gradebook.noStudents')}));
    else body.append(el('table', {class: 'list attendance-table'}, el('thead', {}, head), el('tbody', {}, rows)));
  }

  async function load() {
    if (editingInside(body)) return; // the next change reloads; the field being edited stays
    const data = await api.attendance(classId, date);
    seen(data.version);
    render(data);
  }
  await load();
  return {reload: load};
}
