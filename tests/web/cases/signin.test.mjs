// Sign-in (wrong password: the clear message; a single-device licence: why not), open a
// class, change a mark ("Saved"), sign out.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {kPassword, signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kEmail, ['solo@school.es', {licence: 'single', devices: 1}]]}));
});

after(() => stopStack({server, device, browser}));

test('a wrong password is refused with a sentence that says what to do', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + '/');
  await page.fill('#login-email', kEmail);
  await page.fill('#login-password', 'not the password');
  await page.click('form.login button[type=submit]');
  const message = page.locator('#login-error');
  await until(async () => (await message.textContent()).length > 0, 'the sign-in error');
  const text = await message.textContent();
  assert.match(text, /password/i);
  assert.match(text, /try again/i);
  assert.equal(await page.locator('.main-nav a').count(), 0);
  await page.close();
});

test('a single-device licence is told the web version needs the multi-device one', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + '/');
  await page.fill('#login-email', 'solo@school.es');
  await page.fill('#login-password', kPassword);
  await page.click('form.login button[type=submit]');
  const message = page.locator('#login-error');
  await until(async () => (await message.textContent()).length > 0, 'the licence message');
  assert.match(await message.textContent(), /multi-device/i);
  await page.close();
});

test('sign in, open a class, change a mark (Saved), sign out', async () => {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(page, server, kEmail);
  await page.getByRole('link', {name: /3B Lengua/}).click();
  const cell = page.getByLabel('Marta Soler — Dictado', {exact: true});
  await cell.waitFor();
  await cell.fill('7,5');
  await cell.press('Tab');
  await until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');
  assert.equal(await cell.inputValue(), '7.5');
  // Tab moved to the next assessment of the same student.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Marta Soler — Examen');
  // The server holds it: a reload shows it.
  await page.reload();
  await until(async () => (await page.getByLabel('Marta Soler — Dictado', {exact: true}).inputValue()) === '7.5', 'the saved mark after a reload');
  assert.equal(await page.getByRole('button', {name: /synchroni[sz]e/i}).count(), 0, 'no Synchronise button');

  await page.click('#sign-out');
  await page.waitForSelector('#login-email');
  const session = await page.evaluate(async () => (await fetch('/api/v1/web/session')).status);
  assert.equal(session, 401);
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('an invalid mark keeps what was typed and says why', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kEmail);
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const cell = page.getByLabel('Joan Ferrer — Dictado', {exact: true});
  await cell.waitFor();
  await cell.fill('12');
  await cell.press('Enter');
  const status = page.locator('#status');
  await until(async () => (await status.getAttribute('class')).includes('error'), 'the error');
  assert.match(await status.textContent(), /Joan Ferrer — Dictado: .*12/);
  assert.equal(await cell.inputValue(), '12');
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  await page.close();
});
