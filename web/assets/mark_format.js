// How marks and averages read on the page: numbers with the locale's decimal separator,
// symbols as the scale writes them.
import {formatNumber} from './i18n.js';

export function markText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, 2);
  return String(value);
}

// Decimals the class rounds averages to (0.1 -> 1, 0.01 -> 2, 1 -> 0).
export function roundingDecimals(rounding) {
  const r = Number(rounding);
  if (!Number.isFinite(r) || r <= 0) return 2;
  return Math.max(0, Math.min(4, Math.round(-Math.log10(r))));
}

export function averageText(value, rounding) {
  if (value === null || value === undefined || value === '') return '';
  return formatNumber(value, roundingDecimals(rounding));
}

// True when the mark is below the assessment's pass mark (numeric scales only, or a symbol's
// worth when the scale lists it).
export function fails(value, scale) {
  if (!scale || value === null || value === undefined || value === '') return false;
  let number = typeof value === 'number' ? value : Number.NaN;
  if (typeof value === 'string' && Array.isArray(scale.symbols)) {
    const symbol = scale.symbols.find((s) => (s.symbol ?? s.name ?? s[0]) === value);
    if (symbol) number = Number(symbol.value ?? s1(symbol));
  }
  return Number.isFinite(number) && Number.isFinite(Number(scale.pass_mark)) && number < Number(scale.pass_mark);
}

function s1(symbol) {
  return Array.isArray(symbol) ? symbol[1] : Number.NaN;
}
