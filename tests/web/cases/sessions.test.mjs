// Signing out another web session from the Account screen (issue 15): the other browser's next
// request finds it signed out and it shows the sign-in screen.
import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {signIn, startStack, stopStack} from '../support/stack.mjs';

const kEmail = 'marta@school.es';
let server;
let device;
let browser;
let ids;

before(async () => {
  ({server, device, browser, ids} = await startStack({accounts: [kEmail]}));
});

after(() => stopStack({server, device, browser}));

test('another web session signed out from the Account screen is signed out at its next request', async () => {
  // Two browsers (their own cookies), the same account.
  const here = await (await browser.newContext()).newPage();
  const there = await (await browser.newContext()).newPage();
  await signIn(here, server, kEmail);
  await signIn(there, server, kEmail);
  await there.goto(`${server.url}/#/journal?class=${ids.classId}`);
  await there.locator('form.new-entry').waitFor();

  await here.goto(`${server.url}/#/account`);
  const webRows = here.locator('.account tbody tr', {hasText: 'Web browser'});
  await webRows.nth(1).waitFor();
  assert.equal(await webRows.count(), 2);
  const other = here.locator('.account tbody tr:not(.current)', {hasText: 'Web browser'});
  assert.equal(await other.count(), 1);
  const dialogs = [];
  here.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await other.getByRole('button', {name: /^Sign out Web browser/}).click();
  await here.locator('#status', {hasText: 'Saved'}).waitFor();
  assert.match(dialogs[0], /^Sign out Web browser \(Chrome on Linux\)\?/);
  // The list has this browser only, and this browser is still signed in.
  await here.locator('.account tbody tr', {hasText: 'Web browser'}).nth(1).waitFor({state: 'detached'});
  assert.equal(await here.locator('.account tbody tr.current').count(), 1);
  assert.equal(await here.evaluate(async () => (await fetch('/api/v1/web/classes')).status), 200);

  // The other browser's next request: 401, and the page shows the sign-in screen.
  assert.equal(await there.evaluate(async () => (await fetch('/api/v1/web/classes')).status), 401);
  await there.goto(`${server.url}/#/students?class=${ids.classId}`);
  await there.locator('#status', {hasText: 'Your session has ended. Sign in again to go on.'}).waitFor();
  await there.locator('#login-email').waitFor();
  assert.equal(await there.locator('.error-box').count(), 0, 'the sign-in screen, not an error');
  assert.equal(await there.locator('.main-nav').isVisible(), false);
  // Its old cookie opens nothing after a reload either.
  await there.reload();
  await there.locator('#login-email').waitFor();
  // A device in the list was left alone.
  assert.equal(await here.locator('.account tbody tr', {hasText: 'Device'}).count() >= 1, true);
});
