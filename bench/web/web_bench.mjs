// The web version's speed on loopback (issue 15): a real pupitre-server holding a 40 × 200
// class synced from a real pupitred, and the system's chromium driven by playwright-core
// (tests/web/node_modules). Prints, over --repeat runs:
//   - open: from navigating to the gradebook until every mark cell is on the page;
//   - edit: from the browser sending a changed mark (the teacher left its cell) until the
//     server's answer arrived, over --edits edits, median and p95.
// It asserts nothing. Usage (from the repository, after `npm ci` in tests/web):
//   node bench/web/web_bench.mjs [--students 40] [--assessments 200] [--edits 100] [--repeat 3]
// PUPITRE_BUILD_DIR (default build/) must hold pupitre-server, pupitred, pupitrectl and
// bench/pupitre-school-year.
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {Device, Server, launchBrowser, missingPrerequisite, run, signIn} from '../../tests/web/support/stack.mjs';

const options = {students: 40, assessments: 200, edits: 100, repeat: 3};
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options)) {
    console.error(`Unknown option ${process.argv[i]}; options: ${Object.keys(options).map((o) => `--${o}`).join(' ')}`);
    process.exit(2);
  }
  options[name] = Number(process.argv[i + 1]);
}
const missing = missingPrerequisite();
if (missing) {
  console.error(`Cannot run: ${missing}.`);
  process.exit(1);
}
const build = process.env.PUPITRE_BUILD_DIR || path.resolve(import.meta.dirname, '../../build');
const schoolYear = path.join(build, 'bench/pupitre-school-year');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;

const email = 'bench@school.es';
const server = new Server();
server.addAccount(email);
await server.start();
const device = new Device('bench');
run(schoolYear, ['--db', device.db, '--fresh', '--classes', '1', '--students', String(options.students),
  '--assessments', String(options.assessments), '--days', '1']);
await device.start();
device.login(server, email);
device.sync();
const classId = JSON.parse(device.data('list', 'classes', '--json'))[0].id;
const cells = options.students * options.assessments;
console.log(`Class of ${options.students} students × ${options.assessments} assessments (${cells} mark cells)`);

const browser = await launchBrowser();
const opens = [];
const edits = [];
const answers = []; // the gradebook's data: from the request to the end of the answer
try {
  for (let r = 0; r < options.repeat; ++r) {
    const page = await browser.newPage({viewport: {width: 1366, height: 768}});
    await signIn(page, server, email);
    const data = page.waitForResponse((a) => a.url().includes('/api/v1/web/gradebook'));
    const started = performance.now();
    await page.goto(`${server.url}/#/gradebook?class=${encodeURIComponent(classId)}`);
    await page.waitForFunction((n) => document.querySelectorAll('input.mark').length === n, cells, {timeout: 60000});
    opens.push(performance.now() - started);
    const answer = await data;
    await answer.finished();
    answers.push(answer.request().timing().responseEnd);

    const inputs = page.locator('input.mark');
    for (let e = 0; e < Math.ceil(options.edits / options.repeat); ++e) {
      const cell = inputs.nth((e * 7919) % cells);
      await cell.focus();
      // A value other than the cell's, so that leaving it saves.
      const before = (await cell.inputValue()).replace(',', '.');
      let value = (e % 20) / 2;
      if (String(value) === before) value = (value + 1) % 10;
      await cell.fill(String(value).replace('.', ','));
      const saved = page.waitForResponse((a) => a.url().includes('/api/v1/web/mark'));
      await cell.press('Tab');
      const answer = await saved;
      await answer.finished();
      // From the browser sending the PUT to the end of the server's answer.
      const timing = answer.request().timing();
      if (answer.ok() && timing.responseEnd > 0) edits.push(timing.responseEnd);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await device.stop();
  await server.stop();
}
console.log(`open   median ${ms(percentile(opens, 50))}   max ${ms(Math.max(...opens))}   (${opens.length} runs; target: usable within 1 s)`);
console.log(`  of which the server's answer (GET gradebook): median ${ms(percentile(answers, 50))}`);
console.log(`edit   median ${ms(percentile(edits, 50))}   p95 ${ms(percentile(edits, 95))}   (${edits.length} edits; target: p95 <= 100 ms)`);
