// "Download all my data" on the Account screen (issue 17): the web version downloads everything
// the server holds about the signed-in account (GET /api/v1/web/account/export, what
// `pupitre-server user export` prints), never another account's data; a session that ended
// downloads nothing and shows the sign-in screen.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {signIn, startStack, stopStack} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
const kOther = 'pau@school.es';
const folder = process.env.PUPITRE_SCREENSHOT_DIR || '';
let server;
let device;
let browser;

before(async () => {
  ({server, device, browser} = await startStack({accounts: [kEmail, kOther],
    classOptions: {name: '3B Lengua i Literatura', students: [['Marta', 'Soler Núñez'], ['Joan', 'Ferrer']]}}));
});

after(() => stopStack({server, device, browser}));

for (const language of ['en', 'es']) {
  test(`the Account screen downloads the account's export (${language})`, async () => {
    const context = await browser.newContext({viewport: {width: 1366, height: 768}, acceptDownloads: true,
      locale: language === 'en' ? 'en-GB' : 'es-ES'});
    const page = await context.newPage();
    await signIn(page, server, kEmail);
    await page.goto(`${server.url}/#/account`);
    const label = language === 'en' ? 'Download all my data' : 'Descargar todos mis datos';
    const button = page.getByRole('button', {name: label});
    await button.waitFor();
    if (folder) {
      fs.mkdirSync(folder, {recursive: true});
      await page.screenshot({path: path.join(folder, `${language}-account-export.png`), fullPage: true});
    }
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(download.suggestedFilename(), /^pupitre-account-\d{4}-\d{2}-\d{2}\.json$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const mine = JSON.parse(text);
    await page.locator('#status', {hasText: language === 'en' ? 'Downloaded pupitre-account-' : 'Descargado pupitre-account-'}).waitFor();
    if (folder) await page.screenshot({path: path.join(folder, `${language}-account-export-done.png`), fullPage: true});

    // What the administrator's `user export` prints, but for the browsers' sessions (this
    // request moved this session's last_seen).
    const admin = JSON.parse(server.admin(['user', 'export', kEmail]));
    for (const key of Object.keys(admin)) {
      if (key !== 'web_sessions') assert.deepEqual(mine[key], admin[key], `"${key}" differs from user export`);
    }
    assert.equal(mine.account.email, kEmail);
    assert.ok(text.includes('Soler Núñez'));
    assert.ok(mine.web_sessions.length >= 1);
    assert.ok(!text.includes(kOther), "another account's e-mail is in the export");
    await context.close();
  });
}

test('a session that ended downloads nothing and shows the sign-in screen', async () => {
  const context = await browser.newContext({acceptDownloads: true, locale: 'en-GB'});
  const page = await context.newPage();
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await signIn(page, server, kEmail);
  await page.goto(`${server.url}/#/account`);
  const button = page.getByRole('button', {name: 'Download all my data'});
  await button.waitFor();
  await context.clearCookies();
  await button.click();
  await page.locator('#status', {hasText: 'Your session has ended. Sign in again to go on.'}).waitFor();
  await page.locator('#login-email').waitFor();
  assert.equal(downloads, 0);
  await context.close();
});
