// End to end: a sales rep's review in the built page (dist/), driven through accessible names
// only. Import → categories → override with a note → reload (restored from localStorage) →
// export read back with openpyxl; a broken file; a full localStorage; settings; filter, sort,
// "Show" and paging; the reading screen; "Clear all data". Every test has its own browser
// context (own localStorage), and every request of that context is recorded: none may go to
// another origin, and none at all may be made while the rep works after the page has loaded.
// Screenshots of each screen go to target/e2e-screenshots/ (kept as artifacts).
//
// Run (from the repository root, after `trunk build --release`): node --test tests/e2e/
// (E2E_CONSOLE=1 also prints each page's console.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fixture,
  settle,
  idle,
  screenshot,
  tempDir,
} from './common.mjs';
import { title, accounts, detail, sections, section, importFile, savedWith, exportTo, fillStorage, suite } from './page.mjs';

const run = promisify(execFile);
const TEST = { timeout: 240_000 };

const BASIC = fixture('tests', 'fixtures', 'accounts_basic.xlsx');
const SAMPLE = 'sample_accounts.xlsx';
const NOTE = 'Call about the new sites before the 15th — test note';
// accounts_basic.xlsx: "Harbor Foods" is Maintain by the rules (tier A, growth +2.6 %).
const OVERRIDDEN = 'Harbor Foods';

// ---------------------------------------------------------------------------------------------
// Helpers (accessible names only; the page's classes appear only where the brief names them).

const { start, assertSameOrigin, assertNoRequests } = suite();

const show = (page) => page.getByRole('combobox', { name: 'Show' });
const filterBox = (page) => page.getByRole('searchbox', { name: 'Filter accounts' });
const atRiskSetting = (page) => page.getByRole('spinbutton', { name: 'At risk at growth of or below' });

/// Rows of the Accounts table without its header row.
const bodyRows = (page) => accounts(page).locator('tbody tr');

/// The live count "N of M accounts" as [N, M].
async function count(page) {
  const pattern = /([\d,.\u202f\u00a0 ]+?) of ([\d,.\u202f\u00a0 ]+?) accounts/;
  const text = await page.getByText(pattern).first().textContent();
  const [, shown, all] = text.match(pattern);
  const number = (s) => Number(s.replace(/[^\d]/g, ''));
  return [number(shown), number(all)];
}

/// Until the live count reads differently from `before` (an "N of M" pair).
async function countChange(page, before) {
  for (let i = 0; i < 600; i++) {
    const now = await count(page).catch(() => null);
    if (now && (now[0] !== before[0] || now[1] !== before[1])) return now;
    await page.waitForTimeout(100);
  }
  throw new Error(`the count stayed at ${before.join(' of ')}`);
}

/// The 0-based column of the header whose text starts with `label`.
async function columnIndex(page, label) {
  const headers = await accounts(page).locator('thead th').allTextContents();
  const i = headers.findIndex((h) => h.trim().startsWith(label));
  assert.ok(i >= 0, `no column "${label}" among ${headers.map((h) => h.trim()).join(', ')}`);
  return i;
}

/// The text of every body row's cell in the column headed `label`.
async function column(page, label) {
  const i = await columnIndex(page, label);
  return accounts(page)
    .locator('tbody tr')
    .evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll(':scope > th, :scope > td')[i]?.textContent.trim() ?? ''), i);
}

/// The row of an account (its name is a button in the row).
const row = (page, name) =>
  bodyRows(page).filter({ has: page.getByRole('button', { name, exact: true }) });

async function cell(page, name, label) {
  const i = await columnIndex(page, label);
  return (await row(page, name).locator(':scope > th, :scope > td').nth(i).textContent()).trim();
}

/// After the page's next two animation frames (a render it has scheduled has happened).
const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/// The text of a select's chosen option.
const chosen = (select) => select.evaluate((s) => s.selectedOptions[0]?.textContent.trim() ?? '');

/// Every localStorage entry of the page's origin whose key starts with `account-lens/`.
const stored = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('account-lens/'))
        .map((k) => [k, localStorage.getItem(k)]),
    ),
  );



async function importSample(page) {
  await page.getByRole('button', { name: 'Try the sample workbook' }).click();
  await title(page, SAMPLE).waitFor();
  await accounts(page).waitFor();
  await idle(page);
}


// Reads an export back with openpyxl: the row of ACCOUNT on the sheet whose header row holds
// "Category" and "Reason", its Category, Reason and Note (the right-most "Note" header), and the
// sheet names.
const READBACK = `
import json, sys
import openpyxl
path, account = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(path, data_only=False)
out = {"sheets": wb.sheetnames, "row": None}
for ws in wb.worksheets:
    header = None
    for r in ws.iter_rows(max_row=min(ws.max_row, 60)):
        names = {str(c.value).strip(): c.column for c in r if c.value is not None}
        if "Category" in names and "Reason" in names:
            header = (r[0].row, {str(c.value).strip().lower(): c.column for c in r if c.value is not None}, [c for c in r])
            break
    if not header:
        continue
    hrow, cols, cells = header
    note_cols = [c.column for c in cells if isinstance(c.value, str) and c.value.strip().lower() == "note"]
    for r in ws.iter_rows(min_row=hrow + 1):
        if any(isinstance(c.value, str) and c.value.strip() == account for c in r):
            get = lambda col: ws.cell(row=r[0].row, column=col).value if col else None
            out["row"] = {
                "sheet": ws.title,
                "category": get(cols.get("category")),
                "reason": get(cols.get("reason")),
                "note": get(note_cols[-1] if note_cols else None),
                "headers": [c.value for c in cells],
            }
            break
    if out["row"]:
        break
print(json.dumps(out, default=str))
`;

async function readBack(path, account) {
  const { stdout } = await run('python3', ['-c', READBACK, path, account]);
  return JSON.parse(stdout);
}

// ---------------------------------------------------------------------------------------------

test('import, override with a note, reload, export: the override and note survive and are written', TEST, async (t) => {
  const { page, requests } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);

  requests.step('import');
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  const categories = new Set(await column(page, 'Category'));
  for (const c of ['Grow', 'Maintain', 'At risk']) assert.ok(categories.has(c), `no "${c}" in ${[...categories]}`);
  const figure = page.getByRole('figure', { name: 'Time share against value share' });
  await figure.getByRole('img').first().waitFor();
  assert.deepEqual(await count(page), [11, 11]);
  assert.equal(await cell(page, OVERRIDDEN, 'Category'), 'Maintain');
  await section(page, 'Review').waitFor();
  assert.equal(await section(page, 'Review').getAttribute('aria-current'), 'page');
  await screenshot(page, 'review');

  requests.step('override');
  await accounts(page).getByRole('button', { name: OVERRIDDEN, exact: true }).click();
  await detail(page).getByRole('heading', { level: 3, name: OVERRIDDEN }).waitFor();
  await screenshot(page, 'detail');
  await detail(page).getByRole('combobox', { name: 'Category override' }).selectOption({ label: 'At risk' });
  await detail(page).getByRole('textbox', { name: 'Note', exact: true }).fill(NOTE);
  await detail(page).getByRole('button', { name: 'Close detail' }).click();
  await detail(page).waitFor({ state: 'detached' });
  assert.equal(await cell(page, OVERRIDDEN, 'Category'), 'At risk (your call)');
  await savedWith(page, OVERRIDDEN, NOTE);
  assertNoRequests(requests, 'ready', 'import', 'override');

  requests.step('reload');
  await page.reload();
  await settle(page, requests);
  requests.step('restored');
  await title(page, 'accounts_basic.xlsx').waitFor();
  await accounts(page).waitFor();
  assert.deepEqual(await count(page), [11, 11]);
  assert.equal(await cell(page, OVERRIDDEN, 'Category'), 'At risk (your call)');
  await accounts(page).getByRole('button', { name: OVERRIDDEN, exact: true }).click();
  await detail(page).getByRole('heading', { level: 3, name: OVERRIDDEN }).waitFor();
  assert.equal(await chosen(detail(page).getByRole('combobox', { name: 'Category override' })), 'At risk');
  assert.equal(await detail(page).getByRole('textbox', { name: 'Note', exact: true }).inputValue(), NOTE);
  await detail(page).getByRole('button', { name: 'Close detail' }).click();

  requests.step('export');
  const exported = await exportTo(page, dir.path, BASIC);
  t.diagnostic(`export: ${exported.name}${exported.chooser ? ' (workbook picked again)' : ''}`);
  assert.match(exported.name, /\.xlsx$/);
  await idle(page);
  assertNoRequests(requests, 'restored', 'export');
  assertSameOrigin(requests);

  const back = await readBack(exported.path, OVERRIDDEN);
  assert.ok(back.sheets.includes('Overrides'), `no sheet "Overrides" in ${back.sheets.join(', ')}`);
  assert.ok(back.row, `no row for ${OVERRIDDEN} under a Category/Reason header in ${back.sheets.join(', ')}`);
  assert.equal(back.row.category, 'At risk', JSON.stringify(back.row));
  assert.match(String(back.row.reason), /^Your call/, JSON.stringify(back.row));
  assert.equal(back.row.note, NOTE, JSON.stringify(back.row));
});

test('a broken file shows an alert; the review before it stays on screen and in localStorage', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);

  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await savedWith(page, OVERRIDDEN);
  const before = await stored(page);
  const rows = await column(page, 'Account');

  // A few fixed "random" bytes: no spreadsheet, no text.
  const broken = join(dir.path, 'broken.xlsx');
  await writeFile(broken, Buffer.from([0x8f, 0x00, 0xd3, 0x1b, 0xfe, 0x07, 0x00, 0x9c, 0x42, 0xe1, 0x00, 0x00, 0x5a, 0xff, 0x13, 0x80]));
  requests.step('broken');
  await page.getByLabel('Import workbook').setInputFiles(broken);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = (await alert.textContent()).trim();
  t.diagnostic(`alert: ${message}`);
  assert.ok(message.length > 10, `alert text: "${message}"`);
  await screenshot(page, 'failure');

  await title(page, 'accounts_basic.xlsx').waitFor();
  assert.deepEqual(await column(page, 'Account'), rows);
  await idle(page);
  const after = await stored(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
  for (const [key, value] of Object.entries(before)) assert.equal(after[key], value, `localStorage ${key} changed`);
  // A worker restart (after a parser panic) fetches the worker's files again: same origin only.
  assertSameOrigin(requests);
  assert.deepEqual(consoleLines.filter((l) => l.startsWith('pageerror') || l.startsWith('crash')), []);
});

test('a full localStorage: "Not saved" notice, the review on screen, other apps\' data kept by Clear', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t, { init: fillStorage });
  const junk = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('other-app/')).length);
  assert.ok(junk > 1, `${junk} junk keys`);

  requests.step('sample');
  await importSample(page);
  const notice = page.locator('.notice[role="status"]').filter({ hasText: /Not saved/ });
  await notice.first().waitFor();
  t.diagnostic(`notice: ${(await notice.first().textContent()).trim()}`);
  assert.deepEqual(await count(page), [40, 40]);
  assert.equal(await page.getByRole('alert').count(), 0);
  assertNoRequests(requests, 'ready', 'sample');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await page.getByRole('button', { name: 'Try the sample workbook' }).waitFor();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('other-app/')).length);
  assert.equal(left, junk, 'Clear all data removed another app\'s keys');
  assert.deepEqual(Object.keys(await stored(page)), []);
  assertSameOrigin(requests);
  assert.deepEqual(consoleLines.filter((l) => l.startsWith('pageerror') || l.startsWith('crash')), []);
});

test('settings: a lower "At risk" growth threshold re-analyses at once; reset brings the defaults back', TEST, async (t) => {
  const { page, requests } = await start(t);
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  requests.step('settings');

  await show(page).selectOption({ label: 'At risk' });
  const [atRisk, all] = await countChange(page, [11, 11]);
  assert.ok(atRisk > 0 && atRisk < all, `${atRisk} of ${all} at risk`);

  await section(page, 'Settings').click();
  assert.equal(await section(page, 'Settings').getAttribute('aria-current'), 'page');
  const setting = atRiskSetting(page);
  assert.equal(Number(await setting.inputValue()), -10);
  await screenshot(page, 'settings');
  // -10 % → -15 %: Lakeside Hotel and Golden Gate Logistics (-13 %) are no longer at risk.
  await setting.fill('-15');
  await setting.press('Tab');

  await section(page, 'Review').click();
  await accounts(page).waitFor();
  if ((await chosen(show(page))) !== 'At risk') await show(page).selectOption({ label: 'At risk' });
  const [fewer] = await countChange(page, [atRisk, all]);
  assert.ok(fewer < atRisk, `at risk: ${atRisk} → ${fewer}`);
  for (const c of await column(page, 'Category')) assert.match(c, /^At risk/);

  await section(page, 'Settings').click();
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  assert.equal(Number(await atRiskSetting(page).inputValue()), -10);
  await section(page, 'Review').click();
  if ((await chosen(show(page))) !== 'At risk') await show(page).selectOption({ label: 'At risk' });
  assert.deepEqual(await countChange(page, [fewer, all]), [atRisk, all]);
  assertNoRequests(requests, 'ready', 'settings');
  assertSameOrigin(requests);
});

test('filter, sort and "Show" narrow and order the Accounts table', TEST, async (t) => {
  const { page, requests } = await start(t);
  await importSample(page);
  requests.step('table');
  assert.deepEqual(await count(page), [40, 40]);
  assert.equal(await bodyRows(page).count(), 40);

  // Filter by part of the first account's name.
  const names = await column(page, 'Account');
  const part = names[0].split(/\s+/)[0].slice(0, 4);
  await filterBox(page).fill(part);
  const [matching] = await countChange(page, [40, 40]);
  assert.ok(matching >= 1 && matching < 40, `"${part}": ${matching}`);
  for (const name of await column(page, 'Account')) assert.ok(name.toLowerCase().includes(part.toLowerCase()), `${name} ∌ ${part}`);
  await filterBox(page).fill('');
  await countChange(page, [matching, 40]);

  // Sort by projected sales, both ways.
  const money = (s) => (/^\s*[-–—]?\s*$/.test(s) ? null : Number(s.replace(/[^\d.-]/g, '')));
  const sortBy = async (label) => {
    const button = accounts(page).locator('thead').getByRole('button', { name: label, exact: true });
    const header = accounts(page).locator('thead th').filter({ has: page.getByRole('button', { name: label, exact: true }) });
    const was = await header.getAttribute('aria-sort');
    await button.click();
    await page.waitForFunction(
      ([h, was]) => h.getAttribute('aria-sort') !== was && ['ascending', 'descending'].includes(h.getAttribute('aria-sort')),
      [await header.elementHandle(), was],
    );
    return header.getAttribute('aria-sort');
  };
  const ordered = (values, direction) => {
    const known = values.filter((v) => v !== null);
    for (let i = 1; i < known.length; i++) {
      const ok = direction === 'ascending' ? known[i - 1] <= known[i] : known[i - 1] >= known[i];
      if (!ok) return false;
    }
    return true;
  };
  const first = await sortBy('Projected sales');
  const sales = (await column(page, 'Projected sales')).map(money);
  assert.ok(ordered(sales, first), `${first}: ${sales}`);
  const second = await sortBy('Projected sales');
  assert.notEqual(second, first);
  assert.ok(ordered((await column(page, 'Projected sales')).map(money), second));

  const byName = await sortBy('Account');
  const accountNames = await column(page, 'Account');
  const sorted = [...accountNames].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  assert.deepEqual(accountNames, byName === 'ascending' ? sorted : sorted.reverse());
  for (const label of ['Category', 'Tier', 'Growth', 'Hours', 'Time share', 'Value share']) {
    await sortBy(label);
  }

  // "Show": each category shows only its accounts; flags narrow; "All accounts" shows all again.
  let previous = [40, 40];
  const shownCounts = {};
  for (const label of ['Grow', 'Maintain', 'At risk', 'Time sinks', 'Under-served', 'All accounts']) {
    await show(page).selectOption({ label });
    await frames(page);
    const now = await count(page);
    shownCounts[label] = now[0];
    assert.equal(now[1], 40);
    if (['Grow', 'Maintain', 'At risk'].includes(label)) {
      for (const c of await column(page, 'Category')) assert.ok(c.startsWith(label), `${label}: ${c}`);
    }
    previous = now;
  }
  t.diagnostic(`shown: ${JSON.stringify(shownCounts)}`);
  assert.equal(shownCounts.Grow + shownCounts.Maintain + shownCounts['At risk'], 40);
  assert.ok(shownCounts['Time sinks'] < 40 && shownCounts['Under-served'] < 40);
  assert.deepEqual(previous, [40, 40]);
  assertNoRequests(requests, 'ready', 'table');
  assertSameOrigin(requests);
});

test('more than 100 matching accounts are paged', TEST, async (t) => {
  const { page, requests } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);
  const path = join(dir.path, 'many_accounts.xlsx');
  await run('python3', [
    '-c',
    `
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Accounts"
ws.append(["Customer", "Sales 2025", "Sales 2026", "Potential", "GM %", "Hours"])
for i in range(250):
    ws.append([f"Account {i:03d}", 10000 + 97 * i, 11000 + 89 * i, 20000 + 50 * i, 0.3, 1 + i % 5])
wb.save(sys.argv[1])
`,
    path,
  ]);
  await importFile(page, path, 'many_accounts.xlsx');
  requests.step('paging');
  assert.deepEqual(await count(page), [250, 250]);
  assert.equal(await bodyRows(page).count(), 100);
  const firstPage = await column(page, 'Account');
  const table = await accounts(page).elementHandle();
  const firstRow = (await bodyRows(page).first().textContent()).trim();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForFunction(
    ([table, first]) => table.querySelector('tbody tr')?.textContent.trim() !== first,
    [table, firstRow],
  );
  const secondPage = await column(page, 'Account');
  assert.equal(secondPage.length, 100);
  assert.equal(secondPage.filter((n) => firstPage.includes(n)).length, 0);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForFunction((table) => table.querySelectorAll('tbody tr').length === 50, table);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page.waitForFunction((table) => table.querySelectorAll('tbody tr').length === 100, table);
  assert.deepEqual(await column(page, 'Account'), firstPage);
  assertNoRequests(requests, 'ready', 'paging');
  assertSameOrigin(requests);
});

test('check the reading: sheet, column mapping, preview and what the reading noticed', TEST, async (t) => {
  const { page, requests } = await start(t);
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  requests.step('reading');
  await section(page, 'Check the reading').click();
  assert.equal(await section(page, 'Check the reading').getAttribute('aria-current'), 'page');

  const sheet = page.getByRole('combobox', { name: 'Sheet' });
  // Options name the sheet, perhaps with more (e.g. "Accounts (16 rows)").
  assert.match(await chosen(sheet), /^Accounts\b/);
  const sheets = await sheet.locator('option').allTextContents();
  assert.ok(sheets.some((s) => /^Notes\b/.test(s.trim())), sheets.join(', '));
  assert.ok(await sheet.isEnabled());

  const mapping = page.getByRole('table', { name: 'Column mapping' });
  const accountColumn = mapping.getByRole('combobox', { name: 'Column for Account', exact: true });
  assert.match(await chosen(accountColumn), /Customer/);
  await page.getByRole('table', { name: 'Preview' }).waitFor();
  const noticed = page.getByRole('heading', { name: 'What the reading noticed' });
  await noticed.waitFor();
  // The three SUM formulas without saved results (row 16) are among what was noticed.
  const list = page.getByRole('list').filter({ hasText: /formula/i });
  assert.ok((await list.getByRole('listitem').count()) >= 1);
  await screenshot(page, 'reading');
  assertNoRequests(requests, 'ready', 'reading');

  // After a reload the workbook is not in the worker any more: the sheet cannot be changed.
  await savedWith(page, 'accounts_basic.xlsx');
  requests.step('reload');
  await page.reload();
  await settle(page, requests);
  await title(page, 'accounts_basic.xlsx').waitFor();
  if (!(await page.getByRole('combobox', { name: 'Sheet' }).count())) await section(page, 'Check the reading').click();
  assert.ok(await page.getByRole('combobox', { name: 'Sheet' }).isDisabled());
  assertSameOrigin(requests);
});

test('the sample exports after a reload without asking for the file; Clear all data goes back to the start', TEST, async (t) => {
  const { page, requests } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);
  await screenshot(page, 'start');
  await importSample(page);
  await savedWith(page, SAMPLE);

  requests.step('reload');
  await page.reload();
  await settle(page, requests);
  requests.step('restored');
  await title(page, SAMPLE).waitFor();
  assert.deepEqual(await count(page), [40, 40]);
  const exported = await exportTo(page, dir.path, null);
  assert.equal(exported.chooser, false);
  const back = await readBack(exported.path, (await column(page, 'Account'))[0]);
  assert.ok(back.row, 'the first account is in the export');
  assertNoRequests(requests, 'restored');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await page.getByRole('button', { name: 'Try the sample workbook' }).waitFor();
  assert.equal(await accounts(page).count(), 0);
  assert.deepEqual(Object.keys(await stored(page)), []);
  await page.reload();
  await settle(page, requests);
  await page.getByRole('button', { name: 'Try the sample workbook' }).waitFor();
  assert.equal(await accounts(page).count(), 0);
  assertSameOrigin(requests);
});

test('screenshots in dark mode and for print', TEST, async (t) => {
  const { page, requests } = await start(t);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'start-dark');
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await screenshot(page, 'review-dark');
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await screenshot(page, 'review-print');
  await page.emulateMedia({ media: 'screen' });
  assertSameOrigin(requests);
});
