// End to end: the built page (dist/) in headless Chromium, driven as a person would, through
// accessible names. Import, analysis and export run in the page's Web Worker; a file that makes
// the parser panic ends only the worker: the page says so, keeps the review on screen and starts
// a fresh worker.
//
// Run (from the repository root, after `trunk build --release`):
//   node --test tests/e2e/            (E2E_CONSOLE=1 also prints the page's console)
// It serves dist/ itself (python3 -m http.server on a free port of 127.0.0.1) and stops it after.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const fixture = (...parts) => join(root, ...parts);
const { chromium } = createRequire(join(root, 'tools', 'package.json'))('playwright-core');

const WAIT = 60_000;

let server;
let context;
let page;
let base;
const consoleLines = [];

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function serve() {
  const port = await freePort();
  const child = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`http.server exited: ${stderr}`);
    try {
      if ((await fetch(url)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`http.server did not answer on ${url}: ${stderr}`);
}

before(async () => {
  await access(join(dist, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `trunk build --release` first');
  });
  await access(join(dist, 'worker_bg.wasm')).catch(() => {
    throw new Error('dist/worker_bg.wasm is missing: the worker was not built');
  });
  server = await serve();
  base = server.url;
  const profile = await mkdtemp(join(tmpdir(), 'account-lens-e2e-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  context.profile = profile;
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT);
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  // Everything the status line says, in order, to check the worker's progress is shown.
  await page.addInitScript(() => {
    window.__statusLog = [];
    const watch = () => {
      const status = document.querySelector('[role="status"][aria-live="polite"]');
      if (!status) return requestAnimationFrame(watch);
      new MutationObserver(() => {
        const text = status.textContent.trim();
        if (text && window.__statusLog.at(-1) !== text) window.__statusLog.push(text);
      }).observe(status, { childList: true, subtree: true, characterData: true });
    };
    watch();
  });
  await page.goto(base);
});

after(async () => {
  // E2E_CONSOLE=1 shows what the page logged (the worker's panic among it).
  if (process.env.E2E_CONSOLE) console.log(consoleLines.join('\n'));
  await context?.close();
  if (context?.profile) await rm(context.profile, { recursive: true, force: true });
  server?.child.kill();
});

const accounts = () => page.getByRole('table', { name: 'Accounts' });
const reviewTitle = (name) => page.getByRole('heading', { level: 2, name });
const bodyRows = async () => (await accounts().getByRole('row').count()) - 1; // minus the header
const statusLog = () => page.evaluate(() => window.__statusLog.splice(0));
const idle = () =>
  page.waitForFunction(
    () => document.querySelector('[role="status"]')?.textContent.trim() === '',
  );

test('the sample workbook is analysed in the worker and shows its accounts', async () => {
  await page.getByRole('button', { name: 'Try the sample workbook' }).click();
  await reviewTitle('sample_accounts.xlsx').waitFor();
  await accounts().waitFor();
  assert.equal(await bodyRows(), 40);
  await idle();
  const said = await statusLog();
  assert.ok(said.includes('Reading sample_accounts.xlsx…'), said.join(' | '));
  assert.ok(said.includes('Analysing sample_accounts.xlsx…'), said.join(' | '));
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('a fixture imports through the "Import workbook" input', async () => {
  await page.getByLabel('Import workbook').setInputFiles(fixture('tests', 'fixtures', 'accounts_basic.xlsx'));
  await reviewTitle('accounts_basic.xlsx').waitFor();
  assert.ok((await bodyRows()) > 0);
  await idle();
});

test('a file that stops the parser shows a message, and the review before it stays', async () => {
  const before = await bodyRows();
  await page.getByLabel('Filter accounts').fill('a');
  const filtered = await bodyRows();
  const firstRow = await accounts().getByRole('row').nth(1).textContent();

  await page
    .getByLabel('Import workbook')
    .setInputFiles(fixture('crates', 'workbook', 'tests', 'regressions', 'cfb_sector_past_end.xls'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /cfb_sector_past_end\.xls|damaged/i);
  assert.match(message, /damaged/i);

  // The same review, filter and rows as before.
  await reviewTitle('accounts_basic.xlsx').waitFor();
  assert.equal(await page.getByLabel('Filter accounts').inputValue(), 'a');
  assert.equal(await bodyRows(), filtered);
  assert.equal(await accounts().getByRole('row').nth(1).textContent(), firstRow);
  await page.getByLabel('Filter accounts').fill('');
  assert.equal(await bodyRows(), before);
  await idle();
  const crashed = consoleLines.some((l) => l.includes('Account Lens worker:'));
  console.log(`the worker ${crashed ? 'panicked and was restarted' : 'refused the file without panicking'}`);
  console.log(`alert: ${message}`);
});

test('export downloads the annotated workbook (from the restarted worker)', async () => {
  await page.getByRole('button', { name: 'Export annotated workbook' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export annotated workbook' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'accounts_basic-annotated.xlsx');
  const bytes = await readFile(await download.path());
  assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  await idle();
  const said = await statusLog();
  assert.ok(said.includes('Writing the annotated workbook…'), said.join(' | '));
  // A failed import leaves its alert until the next action succeeds.
  assert.equal(await page.getByRole('alert').count(), 0);
});

test('the worker keeps working after the restart: another import, then clear', async () => {
  await page.getByLabel('Import workbook').setInputFiles(fixture('tests', 'fixtures', 'accounts_basic.ods'));
  await reviewTitle('accounts_basic.ods').waitFor();
  assert.ok((await bodyRows()) > 0);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await page.getByRole('button', { name: 'Try the sample workbook' }).waitFor();
  assert.equal(await page.getByRole('table', { name: 'Accounts' }).count(), 0);
  const errors = consoleLines.filter((l) => l.startsWith('pageerror'));
  assert.deepEqual(errors, []);
});
