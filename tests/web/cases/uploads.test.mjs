// Resources on the web within the storage quota and over it: a file uploaded from the page is
// listed and downloads with the same bytes; one over the quota shows the clear quota message
// and nothing is listed or stored.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import {Device, Server, launchBrowser, makeClass, signIn, until} from '../support/stack.mjs';

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
  device.login(server, kEmail);
  device.sync();
  browser = await launchBrowser();
  page = await browser.newPage({acceptDownloads: true});
  await signIn(page, server, kEmail);
});

after(async () => {
  await browser?.close();
  await device?.stop();
  await server?.stop();
});

const rowOf = (name) => page.locator('.resource-list tbody tr', {hasText: name});

async function upload(name, bytes) {
  await page.setInputFiles('#resource-file', {name, mimeType: 'application/octet-stream', buffer: bytes});
  await page.click('form.upload button[type=submit]');
}

test('a file uploaded within the quota is listed and downloads with the same bytes', async () => {
  await page.goto(`${server.url}/#/resources?class=${ids.classId}`);
  await page.locator('.resource-list .empty').waitFor();
  const bytes = crypto.randomBytes(3000); // every byte value, not only text
  await upload('scores.bin', bytes);
  await rowOf('scores.bin').waitFor();
  await until(async () => (await page.locator('#status').textContent()) === 'Saved', '"Saved"');
  assert.match(await rowOf('scores.bin').textContent(), /Yes/, 'the server holds it');
  assert.match(await page.locator('.storage-box').textContent(), /3(\.0)? kB of 1 GB used/);

  const [download] = await Promise.all([page.waitForEvent('download'), rowOf('scores.bin').getByRole('link').click()]);
  assert.equal(download.suggestedFilename(), 'scores.bin');
  assert.ok(Buffer.from(fs.readFileSync(await download.path())).equals(bytes), 'the same bytes come back');
});

test('a file over the quota shows the quota message and nothing is listed', async () => {
  server.admin(['user', 'quota', kEmail, '8KB']);
  await page.goto(`${server.url}/#/resources?class=${ids.classId}`);
  await rowOf('scores.bin').waitFor();
  await upload('video.bin', crypto.randomBytes(20000));
  const status = page.locator('#status');
  await until(async () => (await status.getAttribute('class')).includes('error'), 'an error in the status line');
  const text = await status.textContent();
  assert.match(text, /^video\.bin: The account's storage is full: /, text);
  assert.match(text, /delete resources or pictures you no longer need, or ask the administrator for more space/, text);
  await page.goto(`${server.url}/#/classes`);
  await page.goto(`${server.url}/#/resources?class=${ids.classId}`);
  await rowOf('scores.bin').waitFor();
  assert.equal(await rowOf('video.bin').count(), 0, 'nothing listed');
  assert.match(await page.locator('.storage-box').textContent(), /of 8(\.0)? kB used/);
  device.sync();
  const names = JSON.parse(device.data('resource', 'list', '--json')).map((r) => r.file_name);
  assert.deepEqual(names, ['scores.bin']);
});
