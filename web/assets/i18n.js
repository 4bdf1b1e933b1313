// The page's strings in English and Spanish (en.json, es.json), numbers in the locale's
// format, and the server's error codes as sentences. Every string shown goes through t().
const kStorageKey = 'pupitre.language';
const kLanguages = ['en', 'es'];
const dictionaries = {};
let language = 'en';

function chooseLanguage() {
  const saved = localStorage.getItem(kStorageKey);
  if (kLanguages.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (kLanguages.includes(base)) return base;
  }
  return 'en';
}

async function load(lang) {
  if (!dictionaries[lang]) {
    const answer = await fetch(`/assets/${lang}.json`, {credentials: 'same-origin'});
    dictionaries[lang] = answer.ok ? await answer.json() : {};
  }
}

export async function initI18n() {
  language = chooseLanguage();
  await Promise.all([load('en'), load(language)]);
  document.documentElement.lang = language;
}

export async function setLanguage(lang) {
  if (!kLanguages.includes(lang)) return;
  await load(lang);
  language = lang;
  localStorage.setItem(kStorageKey, lang);
  document.documentElement.lang = lang;
}

export function currentLanguage() {
  return language;
}

export function locale() {
  return language === 'es' ? 'es-ES' : 'en-GB';
}

// t('savedMark', {name: 'Marta'}): the string in the current language with {name} filled in.
export function t(key, vars = {}) {
  const text = dictionaries[language]?.[key] ?? dictionaries.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

// Fills the static page's [data-i18n] elements.
export function translateStatic(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}

// Intl formatters are costly to make: one per language and number of decimals (a 40 × 200
// gradebook formats 8000 marks).
const formatters = new Map();
function numberFormat(maxDecimals) {
  const key = `${locale()}/${maxDecimals}`;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat(locale(), {maximumFractionDigits: maxDecimals, useGrouping: false}));
  }
  return formatters.get(key);
}

// A number as the locale writes it: 7.5 -> "7,5" in Spanish.
export function formatNumber(value, maxDecimals = 2) {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  return numberFormat(maxDecimals).format(number);
}

// A decimal typed either way ("7,5" or "7.5") as the server reads it ("7.5"); other text
// (a scale's symbol, "") is returned trimmed and unchanged.
export function normaliseDecimal(text) {
  const trimmed = String(text).trim();
  return /^[-+]?\d*[.,]?\d+$|^[-+]?\d+[.,]$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
}

// A date (YYYY-MM-DD) as the locale writes it.
export function formatDate(isoDate) {
  if (!isoDate) return '';
  const [y, m, d] = String(isoDate).split('-').map(Number);
  if (!y || !m || !d) return String(isoDate);
  return new Intl.DateTimeFormat(locale(), {day: 'numeric', month: 'short', year: 'numeric'})
      .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(ms) {
  if (!ms) return t('never');
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'})
      .format(new Date(Number(ms)));
}

export function formatBytes(bytes) {
  const n = Number(bytes) || 0;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let value = n;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    ++i;
  }
  return `${formatNumber(value, i === 0 ? 0 : 1)} ${units[i]}`;
}

// What to tell the teacher about a failed call: in English the server's own sentence; in
// Spanish the known code's sentence (with the server's detail for invalid values).
export function errorText(error) {
  const code = error?.code;
  const message = error?.message || '';
  if (language !== 'en' && code && dictionaries[language]?.[`error.${code}`]) {
    const known = t(`error.${code}`);
    return code === 'invalid' && message ? `${known} (${message})` : known;
  }
  if (message) return message;
  return code ? t(`error.${code}`) : t('error.network');
}
