// The other screens' edits are saved at once and reach a device on its next sync: a journal
// entry written on the web, an attendance state, a student's notes, a mark's status and comment.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let page;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kEmail]}));
  page = await browser.newPage();
  await signIn(page, server, kEmail);
});

after(() => stopStack({server, device, browser}));

const saved = () => until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');

test('a journal entry written on the web reaches the device', async () => {
  await page.goto(`${server.url}/#/journal?class=${ids.classId}`);
  await page.fill('#new-date', '2026-11-03');
  await page.fill('#new-title', 'Relative clauses');
  await page.fill('#new-body', 'Exercises 1–4.');
  await page.click('form.new-entry button[type=submit]');
  await saved();
  await page.locator('.journal-list .journal-entry').first().waitFor();
  device.sync();
  const entries = JSON.parse(device.data('list', 'journal', '--json'));
  assert.ok(entries.some((e) => e.title === 'Relative clauses' && e.date === '2026-11-03'), JSON.stringify(entries));
});

test('an attendance state set on the web reaches the device', async () => {
  await page.goto(`${server.url}/#/attendance?class=${ids.classId}&date=2026-11-03`);
  await page.getByLabel(/^Joan Ferrer — /).selectOption('late');
  await saved();
  device.sync();
  const records = JSON.parse(device.data('list', 'attendance', '--json'));
  assert.ok(records.some((r) => r.student_id === ids.students['Joan Ferrer'] && r.state === 'late' && r.date === '2026-11-03'), JSON.stringify(records));
});

test("a student's notes edited on the web reach the device", async () => {
  await page.goto(`${server.url}/#/students?class=${ids.classId}`);
  const notes = page.locator(`#student-${ids.students['Marta Soler']}-notes`);
  await notes.fill('Sits at the front');
  await notes.blur();
  await saved();
  device.sync();
  const students = JSON.parse(device.data('list', 'students', '--json'));
  assert.equal(students.find((s) => s.id === ids.students['Marta Soler']).notes, 'Sits at the front');
});

test("a mark's status and comment set on the web reach the device", async () => {
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  await page.getByLabel('Marta Soler — Examen', {exact: true}).click();
  await page.selectOption('#mark-status', 'excused');
  await saved();
  await page.fill('#mark-comment', 'Ill that day');
  await page.press('#mark-comment', 'Enter');
  await saved();
  device.sync();
  const mark = device.mark(ids.students['Marta Soler'], ids.assessments.Examen);
  assert.equal(mark.status, 'excused');
  assert.equal(mark.comment, 'Ill that day');
});
