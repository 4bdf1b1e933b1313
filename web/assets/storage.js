// The account's storage, used of quota, as a bar with its figures.
import {el} from './dom.js';
import {formatBytes, formatNumber, t} from './i18n.js';

export function storageMeter(storage) {
  const used = Number(storage?.used) || 0;
  const quota = Number(storage?.quota) || 0;
  const percent = quota ? Math.min(100, (used / quota) * 100) : 0;
  return el('div', {class: 'storage'},
      el('meter', {min: '0', max: String(quota || 1), value: String(used), high: String(quota * 0.9), 'aria-label': t('storage.label')}),
      el('span', {text: t('storage.used', {used: formatBytes(used), quota: formatBytes(quota), percent: formatNumber(percent, 1)})}));
}
