// A student named like HTML shows as text; a write without the CSRF token is refused; account
// B's session cannot read or write account A's class, even with A's ids in the address.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {signIn, startStack, stopStack, until} from '../support/stack.mjs';

const kA = 'ana@school.es';
const kB = 'bea@school.es';
const kXss = '<img src=x onerror=alert(1)>';
let server;
let device;
let browser;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kA, kB], classOptions: {students: [[kXss, 'Ruiz'], ['Marta', 'Soler']]}}));
});

after(() => stopStack({server, device, browser}));

test('a student named <img src=x onerror=alert(1)> shows as text', async () => {
  const page = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await signIn(page, server, kA);
  for (const screen of ['gradebook', 'attendance', 'students']) {
    await page.goto(`${server.url}/#/${screen}?class=${ids.classId}`);
    // As text on the page, or as the value of a field (the students' names are editable).
    await page.waitForFunction((name) => document.querySelector('#screen').innerText.includes(name) ||
        [...document.querySelectorAll('#screen input')].some((i) => i.value === name), kXss);
    assert.equal(await page.locator('#screen img[src="x"]').count(), 0, `no <img> made of the name on ${screen}`);
  }
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const cell = page.getByLabel(`${kXss} Ruiz — Dictado`, {exact: true});
  await cell.waitFor();
  assert.equal(await page.locator('th.name-col', {hasText: 'Ruiz'}).textContent(), `${kXss} Ruiz`);
  await page.waitForTimeout(300); // an injected onerror would have run by now
  assert.deepEqual(dialogs, []);
  await page.close();
});

test('a write without the CSRF token is refused', async () => {
  const page = await browser.newPage();
  await signIn(page, server, kA);
  const body = {student_id: ids.students['Marta Soler'], assessment_id: ids.assessments.Dictado, value: '9', comment: '', status: 'normal'};
  const answer = await page.evaluate(async (b) => {
    const r = await fetch('/api/v1/web/mark', {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(b)});
    return {status: r.status, body: await r.json()};
  }, body);
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.code, 'csrf');
  const wrong = await page.evaluate(async (b) => {
    const r = await fetch('/api/v1/web/mark', {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': 'forged'}, body: JSON.stringify(b)});
    return r.status;
  }, body);
  assert.equal(wrong, 403);
  device.sync();
  assert.equal(device.mark(body.student_id, body.assessment_id), undefined, 'the refused write changed nothing');
  await page.close();
});

test("account B's session cannot read or write account A's class", async () => {
  const page = await browser.newPage();
  await signIn(page, server, kB);
  const classes = await page.evaluate(async () => (await (await fetch('/api/v1/web/classes')).json()).classes);
  assert.deepEqual(classes, []);
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  await until(async () => (await page.locator('.error-box').count()) === 1, 'the refusal on the page');
  assert.equal(await page.locator('input.mark').count(), 0);
  const csrf = await page.evaluate(async () => (await (await fetch('/api/v1/web/session')).json()).csrf);
  const reads = await page.evaluate(async (c) => Promise.all(
      [`gradebook?class=${c}`, `attendance?class=${c}&date=2026-10-05`, `journal?class=${c}`,
        `students?class=${c}`, `resources?class=${c}`].map(async (p) => (await fetch(`/api/v1/web/${p}`)).status)), ids.classId);
  assert.deepEqual(reads, [404, 404, 404, 404, 404]);
  const write = await page.evaluate(async ({b, token}) => {
    const r = await fetch('/api/v1/web/mark', {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}, body: JSON.stringify(b)});
    return r.status;
  }, {b: {student_id: ids.students['Marta Soler'], assessment_id: ids.assessments.Dictado, value: '1', comment: '', status: 'normal'}, token: csrf});
  assert.equal(write, 404);
  device.sync();
  assert.equal(device.mark(ids.students['Marta Soler'], ids.assessments.Dictado), undefined);
  await page.close();
});
