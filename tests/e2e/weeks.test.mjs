// End to end: the weekly review across weeks in the built page (dist/), through accessible names
// only, with the browser's clock set by the test. Week 49 of 2026: import, save the week, add a
// next action. Week 50: import next week's workbook (Harbor Foods down, Northwind Traders back
// up), compare the two weeks, save; export. Then a fresh browser profile imports the export and
// finds the weeks and the action restored; a backup restores everything in another profile.
//
// Run (from the repository root, after `trunk build --release`): node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fixture, screenshot, tempDir, idle } from './common.mjs';
import { accounts, detail, title, importFile, openSection, tableRows, savedWith, exportTo, fillStorage, suite } from './page.mjs';

const run = promisify(execFile);
const TEST = { timeout: 300_000 };
const BASIC = fixture('tests', 'fixtures', 'accounts_basic.xlsx');
/// Monday of ISO week 49 of 2026, and of week 50, 09:00 in the browser's time zone.
const WEEK_49 = new Date(2026, 10, 30, 9, 0, 0);
const WEEK_50 = new Date(2026, 11, 7, 9, 0, 0);

const { start, assertSameOrigin } = suite();

const weeksScreen = (page) => page.locator('[data-screen="weeks"]');
const status = (page) => page.locator('[role="status"][aria-live="polite"]').first();
const saveWeek = (page) => weeksScreen(page).getByRole('button', { name: "Save this week's review" });
const checklist = (page) => page.getByRole('list', { name: "This week's checklist" });
const moves = (page) => page.getByRole('table', { name: 'Category moves' });
const weeksTable = (page) => page.getByRole('table', { name: 'Weeks' });

async function statusSays(page, text) {
  await page.waitForFunction(
    (text) => document.querySelector('[role="status"][aria-live="polite"]')?.textContent.trim() === text,
    text,
  );
}

/// Next week's workbook: accounts_basic.xlsx with Harbor Foods down to 300,000 this year and
/// Northwind Traders back up to 330,000, written by openpyxl under the same name.
async function nextWeeksFile(dir) {
  const folder = join(dir, 'week50');
  await mkdir(folder, { recursive: true });
  const path = join(folder, 'accounts_basic.xlsx');
  await run('python3', [
    '-c',
    `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Accounts"]
for row in ws.iter_rows(min_row=5):
    if row[0].value == "Harbor Foods": row[3].value = 300000
    if row[0].value == "Northwind Traders": row[3].value = 330000
wb.save(sys.argv[2])
`,
    BASIC,
    path,
  ]);
  return path;
}

async function openAccount(page, name) {
  await accounts(page).getByRole('button', { name, exact: true }).click();
  await detail(page).getByRole('heading', { level: 3, name }).waitFor();
}

test('two weeks: save, compare what moved, export; another profile finds the history in the workbook', TEST, async (t) => {
  const dir = await tempDir();
  t.after(dir.remove);
  const { page, requests, consoleLines } = await start(t, { clock: WEEK_49 });
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  assert.match(await page.getByText(/^This week's review \(2026-W49\) is not saved yet\./).textContent(), /not saved yet/);

  // Week 49: the checklist, the week saved, a next action for Northwind Traders.
  await openSection(page, 'Week by week', weeksScreen(page));
  const questions = (await checklist(page).locator(':scope > li .check-question').allTextContents()).map((s) => s.trim());
  assert.deepEqual(questions, [
    'Top accounts served enough?',
    'Time-sink hours down?',
    'Every Grow account has a next action?',
    'Every At-risk account has a save plan?',
  ]);
  const atRiskCheck = checklist(page).locator(':scope > li').nth(3);
  assert.match(await atRiskCheck.textContent(), /No\./);
  assert.ok((await atRiskCheck.getByRole('button', { name: 'Northwind Traders' }).count()) === 1);
  await saveWeek(page).click();
  await statusSays(page, "Saved this week's review (2026-W49): 11 accounts.");
  await weeksScreen(page).getByText("This week's review (2026-W49) is saved.", { exact: false }).waitFor();

  await atRiskCheck.getByRole('button', { name: 'Northwind Traders' }).click();
  await detail(page).getByRole('heading', { level: 3, name: 'Northwind Traders' }).waitFor();
  const form = page.getByRole('form', { name: 'Next action for Northwind Traders' });
  await form.getByRole('textbox', { name: 'Next action' }).fill('Save plan: meet the new buyer');
  await form.getByLabel('Due').fill('2026-12-04');
  await form.getByRole('button', { name: 'Add next action' }).click();
  await statusSays(page, 'Next action for Northwind Traders, due 2026-12-04: Save plan: meet the new buyer.');
  await savedWith(page, 'Save plan: meet the new buyer');
  await screenshot(page, 'weeks-49-detail');

  // Week 50: next week's workbook.
  requests.step('week 50');
  await page.clock.setFixedTime(WEEK_50);
  await page.reload();
  await title(page, 'accounts_basic.xlsx').waitFor();
  await idle(page);
  const next = await nextWeeksFile(dir.path);
  await importFile(page, next, 'accounts_basic.xlsx');
  await openSection(page, 'Week by week', weeksScreen(page));
  await weeksScreen(page).getByText("This week's review (2026-W50) is not saved yet.", { exact: false }).waitFor();
  // The action is overdue now, and the At-risk check counts it as a save plan.
  await page.getByRole('list', { name: 'Next actions' }).getByText('Northwind Traders: Save plan: meet the new buyer — due 2026-12-04, overdue').waitFor();

  // Compared: the last saved week (W49) against this week as it stands.
  assert.equal(await page.getByRole('combobox', { name: 'From week' }).inputValue(), '2026-W49');
  assert.equal(await page.getByRole('combobox', { name: 'To' }).inputValue(), 'now');
  await weeksScreen(page).getByText('2026-W49 → 2026-W50').waitFor();
  const matrix = await tableRows(moves(page));
  assert.deepEqual(matrix.map((r) => r[0]), ['Grow', 'Maintain', 'At risk']);
  const newlyAtRisk = page.getByRole('list', { name: 'Newly at risk (1)' });
  assert.deepEqual((await newlyAtRisk.getByRole('listitem').allTextContents()).map((s) => s.trim()), ['Harbor Foods']);
  const recovered = page.getByRole('list', { name: 'Recovered (1)' });
  assert.deepEqual((await recovered.getByRole('listitem').allTextContents()).map((s) => s.trim()), ['Northwind Traders']);
  await moves(page).getByRole('button', { name: '1 account from Maintain to At risk' }).click();
  assert.deepEqual(
    (await page.getByRole('list', { name: 'From Maintain to At risk' }).getByRole('listitem').allTextContents()).map((s) => s.trim()),
    ['Harbor Foods'],
  );
  const changes = await tableRows(page.getByRole('table', { name: 'Largest changes' }));
  const harbor = changes.find((r) => r[0] === 'Harbor Foods');
  assert.deepEqual(harbor.slice(1, 5), ['Maintain → At risk', '390,000', '300,000', '−90,000']);
  await screenshot(page, 'weeks-50-compare');

  await saveWeek(page).click();
  await statusSays(page, "Saved this week's review (2026-W50): 11 accounts.");
  const trend = await tableRows(weeksTable(page));
  assert.deepEqual(trend.map((r) => r[0]), ['2026-W49', '2026-W50']);
  assert.equal(await page.getByRole('img', { name: /^Projected sales per category, 2026-W49 to 2026-W50: Grow / }).count(), 1);

  // Export (the page was reloaded, so it asks for the workbook again).
  requests.step('export');
  const exported = await exportTo(page, dir.path, next);
  const { stdout } = await run('python3', [
    '-c',
    `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["History"]
rows = [[c for c in r] for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]
print(json.dumps({"sheets": wb.sheetnames, "rows": rows}, default=str))
`,
    exported.path,
  ]);
  const back = JSON.parse(stdout);
  assert.ok(back.sheets.includes('History'), back.sheets.join(', '));
  const cells = back.rows.flat();
  for (const text of ['2026-W49', '2026-W50', 'Harbor Foods', 'Save plan: meet the new buyer']) {
    assert.ok(cells.includes(text), `the History sheet has no "${text}"`);
  }
  assertSameOrigin(requests);
  assert.deepEqual(consoleLines.filter((l) => l.startsWith('pageerror') || l.startsWith('crash')), []);

  // Another machine: a fresh profile imports the exported workbook.
  const other = await start(t, { clock: new Date(2026, 11, 8, 9, 0, 0) });
  await importFile(other.page, exported.path, exported.name);
  await openSection(other.page, 'Week by week', weeksScreen(other.page));
  await weeksScreen(other.page).getByText('2 weeks saved in this browser.', { exact: false }).waitFor();
  assert.deepEqual((await tableRows(weeksTable(other.page))).map((r) => r[0]), ['2026-W49', '2026-W50']);
  assert.deepEqual(await tableRows(weeksTable(other.page)), trend);
  await other.page.getByRole('list', { name: 'Next actions' }).getByText('Northwind Traders: Save plan: meet the new buyer', { exact: false }).waitFor();
});

test('a backup restores everything in another browser profile', TEST, async (t) => {
  const dir = await tempDir();
  t.after(dir.remove);
  const { page } = await start(t, { clock: WEEK_49 });
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await openAccount(page, 'Lakeside Hotel');
  const form = page.getByRole('form', { name: 'Next action for Lakeside Hotel' });
  await form.getByRole('textbox', { name: 'Next action' }).fill('Review the contract');
  await form.getByRole('button', { name: 'Add next action' }).click();
  await openSection(page, 'Week by week', weeksScreen(page));
  await saveWeek(page).click();
  await statusSays(page, "Saved this week's review (2026-W49): 11 accounts.");
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a backup' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'account-lens-backup-2026-11-30.json');
  const path = join(dir.path, file.suggestedFilename());
  await file.saveAs(path);

  const other = await start(t, { clock: WEEK_49 });
  await other.page.getByLabel('Restore a backup').setInputFiles(path);
  await title(other.page, 'accounts_basic.xlsx').waitFor();
  await statusSays(
    other.page,
    'Restored the backup of accounts_basic.xlsx: its review, settings, notes, time log, plan, 1 saved week and next actions.',
  );
  await openSection(other.page, 'Week by week', weeksScreen(other.page));
  await weeksScreen(other.page).getByText("This week's review (2026-W49) is saved.", { exact: false }).waitFor();
  await other.page.getByRole('list', { name: 'Next actions' }).getByText('Lakeside Hotel: Review the contract').waitFor();

  // Not a backup: refused in words, nothing changed.
  const wrong = join(dir.path, 'not-a-backup.json');
  await (await import('node:fs/promises')).writeFile(wrong, '{"hello": 1}');
  await other.page.getByLabel('Restore a backup').setInputFiles(wrong);
  await other.page.getByRole('alert').getByText(/^This file is not a backup Account Lens can restore/).waitFor();
  await weeksScreen(other.page).getByText("This week's review (2026-W49) is saved.", { exact: false }).waitFor();
});

test('a full browser: the rep is told, offered the export, and weeks go only when the rep says so', TEST, async (t) => {
  const { page } = await start(t, { clock: WEEK_49 });
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await openSection(page, 'Week by week', weeksScreen(page));
  await saveWeek(page).click();
  await statusSays(page, "Saved this week's review (2026-W49): 11 accounts.");
  await page.clock.setFixedTime(WEEK_50);
  await page.reload();
  await title(page, 'accounts_basic.xlsx').waitFor();
  await idle(page);
  await openSection(page, 'Week by week', weeksScreen(page));
  await saveWeek(page).click();
  await statusSays(page, "Saved this week's review (2026-W50): 11 accounts.");
  await savedWith(page, '"version":6');

  // Another app fills the origin's storage; the next change cannot be saved.
  await page.evaluate(fillStorage);
  await openSection(page, 'Review', page.locator('[data-screen="review"]'));
  await openAccount(page, 'Harbor Foods');
  await detail(page).getByRole('textbox', { name: 'Note', exact: true }).fill('Price review in January');
  const offer = page.locator('.make-room');
  await offer.waitFor();
  assert.match(await offer.textContent(), /^2 saved weeks are kept in this browser\. Export the annotated workbook first: its History sheet keeps every week\./);
  await page.getByText(/^Not saved: this browser's storage for Account Lens is full/).waitFor();
  // Nothing was dropped yet.
  await openSection(page, 'Week by week', weeksScreen(page));
  await weeksScreen(page).getByText('2 weeks saved in this browser.', { exact: false }).waitFor();
  await offer.getByRole('button', { name: 'Keep the newest 1 week' }).click();
  await statusSays(page, 'The 1 oldest week is removed from this browser; the newest 1 is kept.');
  await weeksScreen(page).getByText('1 week saved in this browser.', { exact: false }).waitFor();
});
