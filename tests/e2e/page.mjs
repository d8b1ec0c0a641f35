// What the end-to-end tests do on the page, by accessible names only: find its parts, import a
// workbook, open a section, read a table, wait for a save, export. Shared by the test files.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { idle, requireDist, serve, launch, sessions } from './common.mjs';

export const title = (page, name) => page.getByRole('heading', { level: 2, name, exact: true });
export const accounts = (page) => page.getByRole('table', { name: 'Accounts' });
export const detail = (page) => page.getByRole('region', { name: 'Account detail' });
export const sections = (page) => page.getByRole('navigation', { name: 'Sections' });
export const section = (page, name) => sections(page).getByRole('button', { name, exact: true });

/// Imports the file at `path` through the "Import workbook" input; waits for its review.
export async function importFile(page, path, name) {
  await page.getByLabel('Import workbook').setInputFiles(path);
  await title(page, name).waitFor();
  await accounts(page).waitFor();
  await idle(page);
}

/// Opens the section `name` and waits for its `screen`.
export async function openSection(page, name, screen) {
  await section(page, name).click();
  await screen.waitFor();
  assert.equal(await section(page, name).getAttribute('aria-current'), 'page');
}

/// Every body row of `table` as the trimmed text of its cells (header cells of the row too).
export const tableRows = (table) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll(':scope > th, :scope > td')].map((c) => c.textContent.trim())));

/// Until some stored value contains every one of `texts` (the page saves after it renders).
export async function savedWith(page, ...texts) {
  await page.waitForFunction(
    (texts) =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('account-lens/'))
        .some((k) => texts.every((t) => localStorage.getItem(k).includes(t))),
    texts,
    { timeout: 60_000 },
  );
}

/// Export: a download, or (after a reload, when the worker no longer has the file) a file
/// chooser to pick the workbook again first. Saves it into `dir`; { path, name, chooser }.
export async function exportTo(page, dir, source) {
  const download = page.waitForEvent('download');
  const chooser = page.waitForEvent('filechooser').then(
    (c) => c,
    () => null,
  );
  await page.getByRole('button', { name: 'Export annotated workbook' }).click();
  const first = await Promise.race([download.then(() => 'download'), chooser.then((c) => (c ? 'chooser' : 'none'))]);
  let picked = false;
  if (first === 'chooser') {
    assert.ok(source, 'the page asked for the workbook again, but this export needs none');
    await (await chooser).setFiles(source);
    picked = true;
  }
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename(), chooser: picked };
}

/// Run in the page (`page.evaluate`, or an init script): fills this origin's localStorage under
/// another app's keys until the browser refuses, once per page session.
export function fillStorage() {
  if (localStorage.getItem('other-app/filled')) return;
  let n = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const chunk = 'x'.repeat(size);
    for (;;) {
      try {
        localStorage.setItem(`other-app/junk-${n++}`, chunk);
      } catch {
        break; // QuotaExceededError
      }
    }
  }
  try {
    localStorage.setItem('other-app/filled', '1');
  } catch {
    // the marker does not fit either: the junk keys say the same
    sessionStorage.setItem('other-app/filled', '1');
  }
}

/// Serves dist/ and launches the browser before a file's tests, closes both after them; the
/// session helpers over them (see `sessions` in common.mjs).
export function suite() {
  let server;
  let browser;
  before(async () => {
    await requireDist();
    server = await serve();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return sessions(() => ({ browser, server }));
}
