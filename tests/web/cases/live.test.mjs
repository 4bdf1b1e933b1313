// A mark changed on the web reaches a device on its next sync; one changed on a device
// appears on the open page without a reload, leaving the cell being edited (its text and
// caret) alone.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kEmail], classOptions: {students: [['Marta', 'Soler'], ['Joan', 'Ferrer']], assessments: ['Dictado', 'Examen', 'Lectura']}}));
});

after(() => stopStack({server, device, browser}));

test('a mark changed on the web arrives on the device after its sync', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kEmail);
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const cell = page.getByLabel('Joan Ferrer — Examen', {exact: true});
  await cell.fill('6.25');
  await cell.press('Enter');
  await until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');
  device.sync();
  const mark = device.mark(ids.students['Joan Ferrer'], ids.assessments.Examen);
  assert.ok(mark, 'the device has the mark');
  assert.equal(Number(mark.value), 6.25);
  await page.close();
});

test('a mark changed on a device appears on the open page, the edited cell untouched', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kEmail);
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const target = page.getByLabel('Marta Soler — Lectura', {exact: true});
  await target.waitFor();
  // The teacher is typing in another cell, not yet saved, the caret in the middle.
  const editing = page.getByLabel('Joan Ferrer — Dictado', {exact: true});
  await editing.click();
  await page.keyboard.type('8,75');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const before = await editing.evaluate((e) => [e.selectionStart, e.selectionEnd]);

  device.data('mark', 'set', ids.students['Marta Soler'], ids.assessments.Lectura, '4,5', '--comment', 'Repasar');
  device.sync();
  await until(async () => (await target.inputValue()) === '4.5', 'the device\'s mark on the page');
  assert.match(await target.getAttribute('title'), /Repasar/);

  assert.equal(await editing.inputValue(), '8,75');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Joan Ferrer — Dictado');
  assert.deepEqual(await editing.evaluate((e) => [e.selectionStart, e.selectionEnd]), before);
  // Leaving the cell saves what was typed.
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');
  assert.equal(await editing.inputValue(), '8.75');
  await page.close();
});
