// sync.md's "most recent wins" between a device and the web: an offline edit made before a
// web edit loses to it even when the device syncs later (and is in the conflict list); one
// made after the web edit wins.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kEmail], prepare: (device, ids) => {
    device.data('mark', 'set', ids.students['Marta Soler'], ids.assessments.Dictado, '5');
    device.data('mark', 'set', ids.students['Joan Ferrer'], ids.assessments.Dictado, '5');
  }}));
});

after(() => stopStack({server, device, browser}));

async function webEdit(page, label, value) {
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const cell = page.getByLabel(label, {exact: true});
  await cell.waitFor();
  await cell.fill(value);
  await cell.press('Enter');
  await until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');
  return cell;
}

test('a device edit made offline before a web edit loses to it, into the conflict list', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kEmail);
  const student = ids.students['Marta Soler'];
  device.data('mark', 'set', student, ids.assessments.Dictado, '3');  // offline: not synced yet
  await new Promise((r) => setTimeout(r, 50));
  const cell = await webEdit(page, 'Marta Soler — Dictado', '9');
  device.sync();
  assert.equal(Number(device.mark(student, ids.assessments.Dictado).value), 9, 'the web value won on the device');
  await page.reload();
  await until(async () => (await page.getByLabel('Marta Soler — Dictado', {exact: true}).inputValue()) === '9', 'the web value kept');
  assert.ok(cell);
  await page.goto(`${server.url}/#/conflicts`);
  const item = page.locator('li.conflict', {hasText: '3'});
  await until(async () => (await item.count()) > 0, "the device's value in the conflict list");
  const text = await item.first().textContent();
  assert.match(text, /Mark of Marta Soler in Dictado: 9 on Web version \(.+\) replaced 3 on /);
  await page.close();
});

test('a device edit made after a web edit wins when the device syncs', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kEmail);
  const student = ids.students['Joan Ferrer'];
  const cell = await webEdit(page, 'Joan Ferrer — Dictado', '2');
  await new Promise((r) => setTimeout(r, 50));
  device.data('mark', 'set', student, ids.assessments.Dictado, '8');
  device.sync();
  assert.equal(Number(device.mark(student, ids.assessments.Dictado).value), 8);
  await until(async () => (await cell.inputValue()) === '8', "the device's value on the open page");
  await page.close();
});
