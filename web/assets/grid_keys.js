// Keyboard use of the gradebook like the app's: Enter/Shift+Enter move down/up, Tab and
// Shift+Tab right/left (the browser's own order), arrows move between mark cells (left and
// right once the caret is at the edge of the text).
export function cellAt(table, row, column) {
  return table.querySelector(`input.mark[data-row="${row}"][data-col="${column}"]`);
}

export function moveFrom(input, rowStep, columnStep) {
  const table = input.closest('table');
  const row = Number(input.dataset.row) + rowStep;
  const column = Number(input.dataset.col) + columnStep;
  const target = cellAt(table, row, column);
  if (target) {
    target.focus();
    target.select();
  }
  return !!target;
}

export function onGridKey(event) {
  const input = event.target;
  if (!input.matches || !input.matches('input.mark')) return;
  const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
  const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
  const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
  let moved = null;
  switch (event.key) {
    case 'Enter':
      moved = moveFrom(input, event.shiftKey ? -1 : 1, 0);
      if (!moved) input.blur();
      moved = true;
      break;
    case 'ArrowDown':
      moved = moveFrom(input, 1, 0);
      break;
    case 'ArrowUp':
      moved = moveFrom(input, -1, 0);
      break;
    case 'ArrowLeft':
      if (atStart || allSelected) moved = moveFrom(input, 0, -1);
      break;
    case 'ArrowRight':
      if (atEnd || allSelected) moved = moveFrom(input, 0, 1);
      break;
    default:
      return;
  }
  if (moved) event.preventDefault();
}
