// The bar above the gradebook that shows the focused mark cell's status (normal, excused,
// missing) and comment, and saves them at once.
import {el} from './dom.js';
import {normaliseDecimal, t} from './i18n.js';

export function markDetails({save}) {
  const title = el('span', {class: 'details-title', text: t('details.none')});
  const status = el('select', {id: 'mark-status', disabled: true},
      ['normal', 'excused', 'missing'].map((s) => el('option', {value: s, text: t(`status.${s}`)})));
  const comment = el('input', {type: 'text', id: 'mark-comment', disabled: true, maxlength: '2000',
    placeholder: t('details.commentPlaceholder')});
  const scale = el('span', {class: 'details-scale'});
  const node = el('div', {class: 'mark-details', 'aria-label': t('details.label')},
      title,
      el('label', {for: 'mark-status', text: t('details.status')}), status,
      el('label', {for: 'mark-comment', text: t('details.comment')}), comment, scale);
  let target = null; // {studentId, assessmentId, mark, valueOf}
  let savedComment = '';

  function current() {
    return {
      student_id: target.studentId, assessment_id: target.assessmentId,
      value: normaliseDecimal(target.valueOf()), comment: comment.value, status: status.value,
    };
  }

  status.addEventListener('change', async () => {
    if (target) await save(current());
  });
  async function saveComment() {
    if (target && comment.value !== savedComment) {
      if (await save(current())) savedComment = comment.value;
    }
  }
  comment.addEventListener('change', saveComment);
  comment.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      saveComment();
    }
  });

  function scaleText(s) {
    if (!s) return '';
    if (s.kind === 'symbols' && s.symbols) {
      const list = Array.isArray(s.symbols) ? s.symbols.map((x) => x.symbol ?? x.name ?? x[0] ?? x).join(', ') : String(s.symbols);
      return t('details.symbols', {symbols: list});
    }
    return t('details.range', {min: s.min, max: s.max, pass: s.pass_mark});
  }

  return {
    node,
    show(label, studentId, assessmentId, mark, assessment, valueOf) {
      // Leaving a half-typed comment for another cell: it is saved for the cell it belongs to.
      if (target && comment.value !== savedComment) saveComment();
      target = {studentId, assessmentId, valueOf};
      title.textContent = label;
      status.disabled = comment.disabled = false;
      status.value = mark?.status || 'normal';
      if (document.activeElement !== comment) comment.value = mark?.comment || '';
      savedComment = mark?.comment || '';
      scale.textContent = scaleText(assessment?.scale);
    },
  };
}
