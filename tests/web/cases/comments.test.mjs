// Report card comments on the web (issue 17): written in the Report cards screen, saved at
// once, they reach the device on its next sync and print on its report cards; the class's
// school name too; a comment too long is refused with the reason next to the field; a
// device's comment shows on the page.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let page;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({
    accounts: [kEmail],
    prepare: (laptop, made) => laptop.data('comment', 'set', made.students['Joan Ferrer'], 'Written on the laptop.'),
  }));
  page = await browser.newPage();
  await signIn(page, server, kEmail);
});

after(() => stopStack({server, device, browser}));

const status = () => page.locator('#status').textContent();
const saved = () => until(async () => (await status()) === 'Saved', '"Saved"');

test("a comment and the school's name written on the web reach the device's report card", async () => {
  await page.goto(`${server.url}/#/comments?class=${ids.classId}`);
  const joan = page.getByLabel('Ferrer, Joan', {exact: true});
  await joan.waitFor();
  assert.equal(await joan.inputValue(), 'Written on the laptop.');
  const marta = page.getByLabel('Soler, Marta', {exact: true});
  await marta.fill('Marta llegeix molt bé. 很好');
  await marta.blur();
  await saved();
  await page.fill('#school', 'IES Lluís Vives');
  await page.locator('#school').blur();
  await saved();

  device.sync();
  assert.equal(device.data('comment', 'show', ids.students['Marta Soler']), 'Marta llegeix molt bé. 很好');
  const pdf = path.join(device.folder, 'card.pdf');
  device.data('report', 'student', ids.students['Marta Soler'], '--format', 'pdf', '--language', 'en', '-o', pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {encoding: 'utf8'});
  assert.match(text, /IES Lluís Vives/);
  assert.match(text, /Marta llegeix molt bé\./);
});

test("a term's comments are apart from the year's", async () => {
  await page.goto(`${server.url}/#/comments?class=${ids.classId}`);
  await page.locator('#period').waitFor();
  const first = await page.locator('#period option').nth(1).getAttribute('value');
  await page.selectOption('#period', first);
  await until(async () => page.url().includes(`term=${first}`), 'the term in the address');
  const marta = page.getByLabel('Soler, Marta', {exact: true});
  await until(async () => (await marta.inputValue()) === '', 'the term has no comment yet');
  await marta.fill('Primer trimestre: bé.');
  await marta.blur();
  await saved();
  device.sync();
  assert.equal(device.data('comment', 'show', ids.students['Marta Soler'], '--term', first), 'Primer trimestre: bé.');
  assert.equal(device.data('comment', 'show', ids.students['Marta Soler']), 'Marta llegeix molt bé. 很好');
});

test('a comment too long is refused with the reason and kept in the field', async () => {
  await page.goto(`${server.url}/#/comments?class=${ids.classId}`);
  const joan = page.getByLabel('Ferrer, Joan', {exact: true});
  await joan.waitFor();
  await joan.fill('x'.repeat(1001));
  await joan.blur();
  await until(async () => /at most 1000 characters/.test(await status()), 'the reason');
  assert.equal(await joan.getAttribute('aria-invalid'), 'true');
  assert.equal((await joan.inputValue()).length, 1001);
  device.sync();
  assert.equal(device.data('comment', 'show', ids.students['Joan Ferrer']), 'Written on the laptop.');
});
