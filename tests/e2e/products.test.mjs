// End to end: products from a rep's order export in the built page (dist/), through accessible
// names only. Import the export, rank its products by gross profit and by margin, open an
// account from the best offers, read its offers with their numbers, turn one into a vendor
// training entry of the time log; reload and find it all kept; export and read the Products,
// Cross-sell and Activities sheets back with openpyxl. Every request is recorded: none may go to
// another origin, none may be made while the rep works.
//
// Run (from the repository root, after `trunk build --release`): node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fixture, screenshot, tempDir, idle } from './common.mjs';
import { detail, section, importFile, openSection, tableRows, savedWith, exportTo, suite } from './page.mjs';

const run = promisify(execFile);
const TEST = { timeout: 240_000 };
const ORDERS = fixture('tests', 'fixtures', 'orders_export.xlsx');
const BASIC = fixture('tests', 'fixtures', 'accounts_basic.xlsx');

const { start, assertSameOrigin, assertNoRequests } = suite();

const productsScreen = (page) => page.locator('[data-screen="products"]');
const productsTable = (page) => productsScreen(page).getByRole('table', { name: 'Products', exact: true });
const offersTable = (page) => page.getByRole('table', { name: 'Best offers in the book' });
const rankBy = (page, name) => page.getByRole('group', { name: 'Rank products by' }).getByRole('button', { name, exact: true });
const offerNext = (page) => detail(page).getByRole('list', { name: 'Offer next' });
const accountForm = (page, account) => page.getByRole('form', { name: `Log time for ${account}` });

const BY_GROSS_PROFIT = ['Service Plan', 'Sterilizer', 'Masks', 'Paper', 'Gloves'];
const BY_MARGIN = ['Service Plan', 'Sterilizer', 'Masks', 'Gloves', 'Paper'];
const SERVICE_PLAN_ROW = ['1', 'Service Plan', '89,828', '40,422', '45%', '3', '23%', '+79%'];
const HARBOR_OFFER = '3 of your 5 most similar accounts buy Service Plan; margin 45%; typical spend 36,105';
const NOTE = 'Offer Service Plan (margin 45%, typical spend 36,105)';

// The Products, Cross-sell and Activities sheets of an export as openpyxl reads them: every
// non-empty row as a list of cell values.
const READBACK = `
import json, sys, datetime
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=False)
def rows(name):
    if name not in wb.sheetnames:
        return None
    return [[c for c in r] for r in wb[name].iter_rows(values_only=True) if any(v is not None for v in r)]
print(json.dumps({"sheets": wb.sheetnames, "products": rows("Products"), "cross_sell": rows("Cross-sell"),
                  "activities": rows("Activities")}, default=str))
`;

async function readBack(path) {
  const { stdout } = await run('python3', ['-c', READBACK, path]);
  return JSON.parse(stdout);
}

test('an order export: products ranked, an account\'s offers, one planned as an activity, kept and exported', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);
  await importFile(page, ORDERS, 'orders_export.xlsx');

  requests.step('work');
  await openSection(page, 'Products', productsScreen(page));
  assert.equal(
    (await productsScreen(page).locator('.source').textContent()).trim(),
    'From sheet “Orders” (order lines, header on row 1): 5 products bought by 6 accounts.',
  );
  let rows = await tableRows(productsTable(page));
  assert.deepEqual(rows.map((r) => r[1]), BY_GROSS_PROFIT);
  assert.deepEqual(rows[0], SERVICE_PLAN_ROW);
  assert.equal(await rankBy(page, 'Gross profit').getAttribute('aria-pressed'), 'true');
  await rankBy(page, 'Margin').click();
  assert.equal(await rankBy(page, 'Margin').getAttribute('aria-pressed'), 'true');
  rows = await tableRows(productsTable(page));
  assert.deepEqual(rows.map((r) => r[1]), BY_MARGIN);
  assert.deepEqual(rows.map((r) => r[4]), ['45%', '30%', '25%', '20%', '15%']);
  await screenshot(page, 'products');

  const offers = await tableRows(offersTable(page));
  assert.deepEqual(offers[0], ['Harbor Foods', 'Service Plan', '4,874', HARBOR_OFFER]);
  await offersTable(page).getByRole('button', { name: 'Harbor Foods' }).first().click();
  await detail(page).getByRole('heading', { level: 3, name: 'Harbor Foods' }).waitFor();
  assert.equal(await section(page, 'Review').getAttribute('aria-current'), 'page');

  // Its offers, with the numbers behind them; never a product it already buys.
  const offered = (await offerNext(page).getByRole('listitem').allTextContents()).map((s) => s.trim());
  assert.equal(offered[0], `Service Plan: ${HARBOR_OFFER}. Expected gross profit 4,874.Plan an activity`);
  const buys = (await tableRows(detail(page).getByRole('table', { name: 'Products' }))).map((r) => r[0]);
  assert.ok(buys.length > 0, 'Harbor Foods buys something');
  for (const line of offered) {
    const product = line.split(':')[0];
    assert.ok(!buys.includes(product), `${product} is offered, but Harbor Foods buys it (${buys.join(', ')})`);
  }

  // The offer becomes a vendor training entry: the form is filled, the rep gives the hours.
  await detail(page).getByRole('button', { name: 'Plan an activity to offer Service Plan' }).click();
  assert.equal(
    (await detail(page).getByRole('status').textContent()).trim(),
    'The log form below is filled for the offer of Service Plan: set the date and hours, then Log time.',
  );
  await screenshot(page, 'products-offer');
  const form = accountForm(page, 'Harbor Foods');
  assert.equal(await form.getByRole('combobox', { name: 'Activity' }).evaluate((s) => s.selectedOptions[0].textContent), 'Vendor training');
  assert.equal(await form.getByRole('textbox', { name: 'Note on the entry' }).inputValue(), NOTE);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'detail-log-hours');
  const today = await form.getByLabel('Date', { exact: true }).inputValue();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  const history = detail(page).getByRole('list', { name: 'Activity' });
  await history.getByText(`${today} · Vendor training · 2 h · ${NOTE}`).waitFor();
  await savedWith(page, NOTE);
  await savedWith(page, '"suggestions"', 'Service Plan');
  assertNoRequests(requests, 'ready', 'work');

  // A reload brings the products back from the browser.
  requests.step('reload');
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'orders_export.xlsx' }).waitFor();
  await idle(page);
  await openSection(page, 'Products', productsScreen(page));
  rows = await tableRows(productsTable(page));
  assert.deepEqual(rows.map((r) => r[1]), BY_GROSS_PROFIT);
  assert.deepEqual(rows[0], SERVICE_PLAN_ROW);

  requests.step('export');
  const exported = await exportTo(page, dir.path, ORDERS);
  const back = await readBack(exported.path);
  for (const sheet of ['Products', 'Cross-sell', 'Activities']) {
    assert.ok(back.sheets.includes(sheet), `no sheet "${sheet}" in ${back.sheets.join(', ')}`);
  }
  const names = back.products.map((r) => r.find((v) => typeof v === 'string' && BY_GROSS_PROFIT.includes(v))).filter(Boolean);
  assert.deepEqual(names.slice(0, 5), BY_GROSS_PROFIT);
  assert.ok(
    back.cross_sell.some((r) => r.includes('Harbor Foods') && r.includes('Service Plan')),
    'the Cross-sell sheet offers Service Plan to Harbor Foods',
  );
  const entry = back.activities.find((r) => r.includes('Harbor Foods') && r.includes(NOTE));
  assert.ok(entry, `no Activities row for the planned offer: ${JSON.stringify(back.activities)}`);
  assert.ok(entry.includes(2) && entry.includes('Vendor training'), JSON.stringify(entry));
  assertSameOrigin(requests);
  assert.deepEqual(consoleLines.filter((l) => l.startsWith('pageerror') || l.startsWith('crash')), []);
});

test('a workbook without product figures says where products come from', TEST, async (t) => {
  const { page } = await start(t);
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await openSection(page, 'Products', productsScreen(page));
  const text = (await productsScreen(page).textContent()).trim();
  assert.match(text, /This workbook has no product figures\. Account Lens reads them from order lines with a product column/);
  // No account detail offers anything either.
  await section(page, 'Review').click();
  await page.getByRole('table', { name: 'Accounts' }).getByRole('button', { name: 'Harbor Foods', exact: true }).click();
  await detail(page).getByRole('heading', { level: 3, name: 'Harbor Foods' }).waitFor();
  assert.equal(await offerNext(page).count(), 0);
});
