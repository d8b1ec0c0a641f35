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
import { readFile } from 'node:fs/promises';
import {
  WAIT,
  fixture,
  requireDist,
  serve,
  launchPersistent,
  collectConsole,
  logStatus,
  statusLog as takeStatusLog,
  idle as statusIdle,
} from './common.mjs';

let server;
let context;
let page;
let base;
const consoleLines = [];

before(async () => {
  await requireDist();
  server = await serve();
  base = server.url;
  context = await launchPersistent();
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT);
  collectConsole(page, consoleLines);
  // Everything the status line says, in order, to check the worker's progress is shown.
  await logStatus(page);
  await page.goto(base);
});

after(async () => {
  // E2E_CONSOLE=1 shows what the page logged (the worker's panic among it).
  if (process.env.E2E_CONSOLE) console.log(consoleLines.join('\n'));
  await context?.close();
  server?.close();
});

const accounts = () => page.getByRole('table', { name: 'Accounts' });
const reviewTitle = (name) => page.getByRole('heading', { level: 2, name });
const bodyRows = async () => (await accounts().getByRole('row').count()) - 1; // minus the header
const statusLog = () => takeStatusLog(page);
const idle = () => statusIdle(page);

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
