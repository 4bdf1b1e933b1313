// The browser tests' fixture: a real pupitre-server from the build tree on a free loopback
// port with a temporary data folder and accounts made with its admin commands, real pupitred
// daemons driven by pupitrectl, and the system's chromium (never a downloaded browser).
import {spawn, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const kPassword = 'correct horse battery staple';
const build = process.env.PUPITRE_BUILD_DIR || path.resolve(import.meta.dirname, '../../../build');
export const bin = {
  server: process.env.PUPITRE_SERVER || path.join(build, 'server/pupitre-server'),
  daemon: process.env.PUPITRED || path.join(build, 'daemon/pupitred'),
  ctl: process.env.PUPITRECTL || path.join(build, 'daemon/pupitrectl'),
};
export const webRoot = process.env.PUPITRE_WEB_ROOT || path.resolve(import.meta.dirname, '../../../web');
export const chromiumPath = process.env.PUPITRE_CHROMIUM || '/usr/bin/chromium';

// Why the suite cannot run here ('' when it can): the tests skip with this message.
export function missingPrerequisite() {
  if (!fs.existsSync(chromiumPath)) return `${chromiumPath} is missing: run scripts/install-deps.sh test`;
  if (!fs.existsSync(path.join(import.meta.dirname, '../node_modules/playwright-core'))) {
    return 'tests/web/node_modules is missing: run `npm ci` in tests/web (scripts/install-deps.sh test does)';
  }
  for (const file of Object.values(bin)) if (!fs.existsSync(file)) return `${file} is not built`;
  return '';
}

export async function launchBrowser() {
  const {chromium} = await import('playwright-core');
  return chromium.launch({executablePath: chromiumPath, headless: true, args: ['--no-sandbox']});
}

export function tempFolder(name) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `pupitre-web-${name}-`));
  fs.chmodSync(folder, 0o700);
  return folder;
}

// Waits for `process` to print a line starting with `prefix` on stdout or stderr.
function waitForLine(child, prefix, what, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not print "${prefix}": ${seen}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      for (const line of seen.split('\n')) {
        const at = line.indexOf(prefix);
        if (at >= 0) {
          clearTimeout(timer);
          resolve(line.slice(at + prefix.length).trim());
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before "${prefix}": ${seen}`));
    });
  });
}

export function run(file, args, {input, env} = {}) {
  return execFileSync(file, args, {input: input ?? '', env: {...process.env, ...env}, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe']}).trim();
}

export class Server {
  constructor() {
    this.dataDir = tempFolder('server');
  }

  admin(args, input) {
    return run(bin.server, ['--data', this.dataDir, ...args], {input});
  }

  addAccount(email, {licence = 'multi', devices = 5, password = kPassword} = {}) {
    this.admin(['user', 'add', email, '--licence', licence, '--devices', String(devices)], `${password}\n`);
  }

  async start(extra = []) {
    this.process = spawn(bin.server, ['serve', '--data', this.dataDir, '--port', '0', '--web-root', webRoot, ...extra],
        {stdio: ['ignore', 'pipe', 'pipe']});
    const address = await waitForLine(this.process, 'listening on ', 'pupitre-server');
    this.url = `http://${address.replace(/^https?:\/\//, '')}`;
    this.process.stdout.resume();
    this.process.stderr.resume();
    return this;
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

// A teacher's computer: pupitred on its own database, driven by pupitrectl.
export class Device {
  constructor(name) {
    this.name = name;
    this.folder = tempFolder(`device-${name}`);
    this.db = path.join(this.folder, 'pupitre.db');
    fs.mkdirSync(path.join(this.folder, 'run'), {mode: 0o700});
    this.socket = path.join(this.folder, 'run', 'pupitred.sock');
  }

  async start() {
    this.process = spawn(bin.daemon, ['--db', this.db, '--socket', this.socket, '--token-dir', this.folder,
      '--no-keyring', '--log', path.join(this.folder, 'pupitred.log')], {stdio: ['ignore', 'pipe', 'pipe']});
    await waitForLine(this.process, 'pupitred: listening on ', `pupitred ${this.name}`);
    this.process.stdout.resume();
    this.process.stderr.resume();
    return this;
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }

  // pupitrectl --db: the teacher's records (the first line: a new record's id).
  data(...args) {
    return run(bin.ctl, ['--db', this.db, ...args]);
  }

  ctl(args, input) {
    return run(bin.ctl, ['--socket', this.socket, ...args], {input});
  }

  login(server, email, password = kPassword) {
    return this.ctl(['login', server.url, email], `${password}\n`);
  }

  sync() {
    return this.ctl(['sync']);
  }

  mark(studentId, assessmentId) {
    const marks = JSON.parse(this.data('list', 'marks', '--json'));
    return marks.find((m) => m.student_id === studentId && m.assessment_id === assessmentId);
  }

  conflicts() {
    return JSON.parse(this.data('conflicts', '--all', '--json'));
  }
}

// A class with students and assessments on `device`: {classId, students: {name: id},
// assessments: {name: id}}.
export function makeClass(device, {name = '3B Lengua', students = [['Marta', 'Soler'], ['Joan', 'Ferrer']],
  assessments = ['Dictado', 'Examen']} = {}) {
  const classId = device.data('class', 'add', name, '--subject', 'Lengua', '--year', '2026-2027', '--colour', '#d9534f');
  const ids = {classId, students: {}, assessments: {}};
  for (const [given, family] of students) ids.students[`${given} ${family}`] = device.data('student', 'add', classId, given, family);
  for (const a of assessments) ids.assessments[a] = device.data('assessment', 'add', classId, a, '--date', '2026-10-05');
  return ids;
}

// Polls `check` (sync or async) until it returns a truthy value; fails after `timeoutMs`.
// What most test files start from: a server with `accounts` (e-mails, or [e-mail, options] of
// Server.addAccount), a device with a class (makeClass's `classOptions`) signed in to the first
// account, whatever `prepare(device, ids)` adds, all synced, and a browser. stopStack ends it.
export async function startStack({accounts, classOptions, prepare} = {}) {
  const stack = {server: new Server()};
  for (const account of accounts) {
    const [email, options] = Array.isArray(account) ? account : [account];
    stack.server.addAccount(email, options);
  }
  await stack.server.start();
  stack.device = await new Device('laptop').start();
  stack.ids = makeClass(stack.device, classOptions);
  const first = accounts[0];
  stack.device.login(stack.server, Array.isArray(first) ? first[0] : first);
  prepare?.(stack.device, stack.ids);
  stack.device.sync();
  stack.browser = await launchBrowser();
  return stack;
}

export async function stopStack({server, device, browser} = {}) {
  await browser?.close();
  await device?.stop();
  await server?.stop();
}

export async function until(check, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Signs `page` in at the server's address.
export async function signIn(page, server, email, password = kPassword) {
  await page.goto(server.url + '/');
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('.main-nav a[href="#/classes"]');
}
