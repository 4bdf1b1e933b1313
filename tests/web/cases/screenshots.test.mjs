// Every screen in English and Spanish at 1366×768 (the gradebook also on a narrow window),
// each checked for its content; saved as PNG files into PUPITRE_SCREENSHOT_DIR when it is set.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {Device, Server, launchBrowser, makeClass, signIn, kPassword} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
const folder = process.env.PUPITRE_SCREENSHOT_DIR || '';
let server;
let device;
let browser;
let ids;

before(async () => {
  server = new Server();
  server.addAccount(kEmail);
  await server.start();
  device = await new Device('laptop').start();
  ids = makeClass(device, {
    students: [['Marta', 'Soler'], ['Joan', 'Ferrer Pons'], ['Lucía', 'García'], ['Pau', 'Martí'], ['Aina', 'Vidal']],
    assessments: [],
  });
  const exams = device.data('category', 'add', ids.classId, 'Exams', '--weight', '0.6');
  const homework = device.data('category', 'add', ids.classId, 'Homework', '--weight', '0.4');
  const names = ['Dictado', 'Examen tema 1', 'Lectura', 'Proyecto', 'Examen tema 2', 'Redacción'];
  const dates = ['2026-10-05', '2026-10-20', '2026-11-10', '2027-01-15', '2027-02-02', '2027-02-20'];
  names.forEach((name, i) => {
    ids.assessments[name] = device.data('assessment', 'add', ids.classId, name, '--date', dates[i],
        '--category', name.startsWith('Examen') ? exams : homework, '--weight', name.startsWith('Examen') ? '2' : '1');
  });
  let n = 0;
  for (const student of Object.values(ids.students)) {
    for (const assessment of Object.values(ids.assessments)) {
      n += 1;
      if (n % 7 === 3) continue;
      device.data('mark', 'set', student, assessment, String((n * 37) % 100 / 10));
    }
  }
  const first = Object.values(ids.students)[0];
  device.data('mark', 'set', first, ids.assessments.Lectura, '', '--status', 'excused');
  device.data('mark', 'set', Object.values(ids.students)[1], ids.assessments.Dictado, '6,5', '--comment', 'Good progress');
  device.data('attendance', 'set', Object.values(ids.students)[2], '2026-10-05', 'absent', '--note', 'Doctor');
  device.data('attendance', 'set', Object.values(ids.students)[3], '2026-10-05', 'late');
  device.data('journal', 'add', ids.classId, '2026-10-05', 'Exercises 3–7, page 52.', '--title', 'Subordinate clauses', '--done');
  device.data('comment', 'set', Object.values(ids.students)[0], 'Marta reads aloud with confidence and has improved her spelling a lot this year.');
  device.data('class', 'update', ids.classId, '--school', 'IES Lluís Vives');
  // A class without terms (the gradebook shows no term switch), with one student and test.
  ids.noTerms = device.data('class', 'add', '4A Literatura', '--subject', 'Literatura', '--year', '2026-2027', '--colour', '#5cb85c', '--no-terms');
  device.data('assessment', 'add', ids.noTerms, 'Lectura', '--date', '2026-10-05');
  device.data('student', 'add', ids.noTerms, 'Ona', 'Puig');
  const handout = path.join(device.folder, 'worksheet-3.txt');
  fs.writeFileSync(handout, 'Exercises 3–7, page 52.\n'.repeat(200));
  device.data('resource', 'add', ids.classId, handout);
  device.login(server, kEmail);
  device.sync();
  device.ctl(['sync', '--resources']);
  // A conflict: an offline edit on the laptop, then a later one on the web.
  const [marta] = Object.values(ids.students);
  device.data('mark', 'set', marta, ids.assessments.Dictado, '4');
  await webMark(marta, ids.assessments.Dictado, '8.5');
  device.sync();
  browser = await launchBrowser();
});

// A mark written through the web API as a browser would (session cookie, CSRF header).
async function webMark(studentId, assessmentId, value) {
  const login = await fetch(`${server.url}/api/v1/web/login`, {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: kEmail, password: kPassword})});
  const {csrf} = await login.json();
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const put = await fetch(`${server.url}/api/v1/web/mark`, {method: 'PUT',
    headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: cookie, Origin: server.url},
    body: JSON.stringify({student_id: studentId, assessment_id: assessmentId, value, comment: '', status: 'normal'})});
  assert.equal(put.status, 200, await put.text());
}

after(async () => {
  await browser?.close();
  await device?.stop();
  await server?.stop();
});

const screens = [
  ['classes', '', '.class-card'],
  ['gradebook', 'class', 'input.mark'],
  ['attendance', 'class', 'select.state'],
  ['journal', 'class', '.journal-entry'],
  ['students', 'class', '.student'],
  ['comments', 'class', '.comment textarea'],
  ['resources', 'class', '.resource-list table'],
  ['conflicts', '', 'li.conflict'],
  ['account', '', '.account table'],
];

for (const language of ['en', 'es']) {
  test(`every screen in ${language === 'en' ? 'English' : 'Spanish'}`, async () => {
    const context = await browser.newContext({viewport: {width: 1366, height: 768}, locale: language === 'en' ? 'en-GB' : 'es-ES'});
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const shot = async (name) => {
      if (!folder) return;
      fs.mkdirSync(folder, {recursive: true});
      await page.screenshot({path: path.join(folder, `${language}-${name}.png`)});
    };
    await page.goto(server.url + '/');
    await page.fill('#login-email', kEmail);
    await page.fill('#login-password', 'wrong password');
    await page.click('form.login button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
    await shot('signin');
    await page.fill('#login-password', kPassword);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('.class-card');
    assert.equal(await page.locator('#language').inputValue(), language);
    for (const [name, param, selector] of screens) {
      await page.goto(`${server.url}/#/${name}${param ? `?class=${ids.classId}${name === 'attendance' ? '&date=2026-10-05' : ''}` : ''}`);
      await page.waitForSelector(`#screen ${selector}`);
      assert.equal(await page.locator('.error-box').count(), 0, `${name} loads`);
      assert.doesNotMatch(await page.locator('#screen').innerText(), /\b(null|undefined)\b/, `${name} shows no null`);
      assert.equal(await page.locator(`.main-nav a[aria-current=page][href^="#/${name}"]`).count(), 1);
      if (name === 'gradebook') {
        const cell = page.getByLabel('Marta Soler — Dictado', {exact: true});
        await cell.click();
      }
      if (name === 'account') {
        const browserName = language === 'en' ? 'Web browser (Chrome on Linux)' : 'Navegador web (Chrome en Linux)';
        assert.match(await page.locator('#screen').innerText(), new RegExp(browserName.replace(/[()]/g, '\\$&')),
            'this browser named in the page language');
      }
      await shot(name);
    }
    await page.goto(`${server.url}/#/gradebook?class=${ids.noTerms}`);
    await page.getByLabel('Ona Puig — Lectura', {exact: true}).waitFor();
    assert.equal(await page.locator('#term').count(), 0, 'no term switch without terms');
    assert.doesNotMatch(await page.locator('#screen').innerText(), /\b(null|undefined)\b/);
    await page.setViewportSize({width: 420, height: 800});
    await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
    await page.waitForSelector('input.mark');
    await page.locator('.grid-wrap').evaluate((e) => { e.scrollLeft = 200; });
    // The names column stays in view while the marks scroll sideways.
    const box = await page.locator('tbody th.name-col').first().boundingBox();
    assert.ok(box.x >= 0 && box.x < 40, `the names column is sticky (x=${box.x})`);
    await shot('gradebook-narrow');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the language switch changes the page and is remembered', async () => {
  const context = await browser.newContext({locale: 'en-GB'});
  const page = await context.newPage();
  await signIn(page, server, kEmail);
  await page.selectOption('#language', 'es');
  await page.waitForSelector('.main-nav a:text("Clases")');
  await page.reload();
  await page.waitForSelector('.main-nav a:text("Clases")');
  await page.goto(`${server.url}/#/gradebook?class=${ids.classId}`);
  const cell = page.getByLabel('Joan Ferrer Pons — Dictado', {exact: true});
  assert.equal(await cell.inputValue(), '6,5');
  await cell.fill('7.5');
  await cell.press('Enter');
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Guardado');
  assert.equal(await cell.inputValue(), '7,5');
  await context.close();
});
