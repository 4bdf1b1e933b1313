// Deletes on the web behave as on devices (issue 15): a journal entry or a resource deleted on
// the web is gone on the device after its sync, and the status line's Undo (reachable from the
// keyboard) brings it back, on the device too after its next sync.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {Device, Server, launchBrowser, makeClass, signIn, tempFolder, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let page;
let ids;

before(async () => {
  server = new Server();
  server.addAccount(kEmail);
  await server.start();
  device = await new Device('laptop').start();
  ids = makeClass(device);
  ids.entry = device.data('journal', 'add', ids.classId, '2026-10-05', 'Exercises 3–7.', '--title', 'Subordinate clauses');
  device.data('journal', 'add', ids.classId, '2026-10-06', 'Reading.', '--title', 'Poems');
  const handout = path.join(tempFolder('handout'), 'handout.txt');
  fs.writeFileSync(handout, 'Read chapter 3.\n');
  ids.resource = device.data('resource', 'add', ids.classId, handout);
  device.login(server, kEmail);
  device.sync();
  device.ctl(['sync', '--resources']);
  browser = await launchBrowser();
  page = await browser.newPage();
  await signIn(page, server, kEmail);
});

after(async () => {
  await browser?.close();
  await device?.stop();
  await server?.stop();
});

const journalTitles = () => JSON.parse(device.data('list', 'journal', '--json')).map((e) => e.title);
const resourceIds = () => JSON.parse(device.data('resource', 'list', '--json')).map((r) => r.id);

test('a journal entry deleted on the web is gone on the device; Undo brings it back', async () => {
  await page.goto(`${server.url}/#/journal?class=${ids.classId}`);
  const entry = page.locator(`.journal-entry[data-id="${ids.entry}"]`);
  await entry.waitFor();
  await entry.getByRole('button', {name: 'Delete'}).click();
  await entry.waitFor({state: 'detached'});
  const undo = page.locator('#status').getByRole('button', {name: 'Undo'});
  await undo.waitFor();
  assert.match(await page.locator('#status').textContent(), /Subordinate clauses/);
  device.sync();
  assert.deepEqual(journalTitles(), ['Poems']);

  // Undo from the keyboard: the button has the focus after the delete.
  await until(async () => await undo.evaluate((b) => b === document.activeElement), 'the focus on Undo');
  await page.keyboard.press('Enter');
  await page.locator(`.journal-entry[data-id="${ids.entry}"]`).waitFor();
  await until(async () => (await page.locator('#status').textContent()).startsWith('Restored'), '"Restored"');
  assert.equal(await page.locator(`#entry-${ids.entry}-title`).inputValue(), 'Subordinate clauses');
  device.sync();
  assert.deepEqual(journalTitles().sort(), ['Poems', 'Subordinate clauses']);
});

test('a resource deleted on the web is gone on the device; Undo brings it back', async () => {
  await page.goto(`${server.url}/#/resources?class=${ids.classId}`);
  const row = page.locator('.resource-list tr', {hasText: 'handout.txt'});
  await row.waitFor();
  await row.getByRole('button', {name: 'Delete'}).click();
  await page.locator('.resource-list .empty').waitFor();
  device.sync();
  assert.deepEqual(resourceIds(), []);
  await page.locator('#status').getByRole('button', {name: 'Undo'}).click();
  await page.locator('.resource-list tr', {hasText: 'handout.txt'}).waitFor();
  device.sync();
  assert.deepEqual(resourceIds(), [ids.resource]);
});

test('the Delete button and Undo are in Spanish too', async () => {
  await page.goto(`${server.url}/#/journal?class=${ids.classId}`);
  await page.selectOption('#language', 'es');
  const entry = page.locator(`.journal-entry[data-id="${ids.entry}"]`);
  await entry.getByRole('button', {name: 'Eliminar la entrada «Subordinate clauses»'}).click();
  await entry.waitFor({state: 'detached'});
  assert.match(await page.locator('#status').textContent(), /Entrada del diario «Subordinate clauses» eliminada/);
  const folder = process.env.PUPITRE_SCREENSHOT_DIR;
  if (folder) {
    fs.mkdirSync(folder, {recursive: true});
    await page.screenshot({path: path.join(folder, 'es-journal-deleted.png')});
  }
  await page.locator('#status').getByRole('button', {name: 'Deshacer'}).click();
  await page.locator(`.journal-entry[data-id="${ids.entry}"]`).waitFor();
  await page.selectOption('#language', 'en');
});
