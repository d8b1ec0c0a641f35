// Accessibility: axe-core (tools/node_modules/axe-core, pinned in tools/package.json) on each
// screen of the built page — start, review, account detail, settings, check the reading, time
// plan (with a what-if open), time log (with entries, weeks and an inline alert) — in light and
// dark. Fails on any violation of impact "serious" or "critical"; prints the others.
// axe's source is evaluated through the driver (not a <script>), which the page's CSP allows.
//
// Run (from the repository root, after `trunk build --release`): node --test tests/e2e/

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fixture, requireDist, requireTool, serve, launch, open, settle, idle } from './common.mjs';

const TEST = { timeout: 180_000 };
const BASIC = fixture('tests', 'fixtures', 'accounts_basic.xlsx');
const TIME_LOG = fixture('tests', 'fixtures', 'time_log.xlsx');
const ORDERS = fixture('tests', 'fixtures', 'orders_export.xlsx');

let server;
let browser;
let axeSource;

before(async () => {
  await requireDist();
  axeSource = await readFile(requireTool.resolve('axe-core/axe.min.js'), 'utf8');
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const imported = async (page) => {
  await page.getByLabel('Import workbook').setInputFiles(BASIC);
  await page.getByRole('heading', { level: 2, name: 'accounts_basic.xlsx' }).waitFor();
  await page.getByRole('table', { name: 'Accounts' }).waitFor();
  await idle(page);
};
const orders = async (page) => {
  await page.getByLabel('Import workbook').setInputFiles(ORDERS);
  await page.getByRole('heading', { level: 2, name: 'orders_export.xlsx' }).waitFor();
  await idle(page);
  await section(page, 'Products').click();
  await page.getByRole('table', { name: 'Products', exact: true }).waitFor();
};
const section = (page, name) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });

// How to reach each screen from a freshly loaded page.
const SCREENS = {
  start: async () => {},
  review: imported,
  detail: async (page) => {
    await imported(page);
    await page.getByRole('table', { name: 'Accounts' }).getByRole('button', { name: 'Harbor Foods', exact: true }).click();
    await page.getByRole('region', { name: 'Account detail' }).getByRole('heading', { level: 3 }).waitFor();
  },
  settings: async (page) => {
    await imported(page);
    await section(page, 'Settings').click();
    await page.getByRole('spinbutton', { name: 'At risk at growth of or below' }).waitFor();
  },
  reading: async (page) => {
    await imported(page);
    await section(page, 'Check the reading').click();
    await page.getByRole('table', { name: 'Column mapping' }).waitFor();
  },
  plan: async (page) => {
    await imported(page);
    await section(page, 'Time plan').click();
    await page.getByRole('table', { name: 'Time plan', exact: true }).getByRole('button', { name: 'Estimates of Harbor Foods' }).click();
    await page.getByRole('group', { name: 'What if: Harbor Foods' }).waitFor();
    await page.getByRole('table', { name: 'Hours per category' }).waitFor();
  },
  products: async (page) => {
    await orders(page);
    await page.getByRole('group', { name: 'Rank products by' }).getByRole('button', { name: 'Margin' }).click();
    await page.getByRole('button', { name: 'Margin', pressed: true }).waitFor();
  },
  'products-detail': async (page) => {
    await orders(page);
    await page.getByRole('table', { name: 'Best offers in the book' }).getByRole('button', { name: 'Harbor Foods' }).first().click();
    await page.getByRole('region', { name: 'Account detail' }).getByRole('button', { name: 'Plan an activity to offer Service Plan' }).click();
    await page.getByRole('region', { name: 'Account detail' }).getByRole('status').waitFor();
  },
  weeks: async (page) => {
    // Last week saved, then this week's workbook: the comparison, its lists and the trends.
    await page.clock.setFixedTime(new Date(2026, 10, 23, 9, 0, 0));
    await page.reload();
    await imported(page);
    await section(page, 'Week by week').click();
    await page.getByRole('button', { name: "Save this week's review" }).last().click();
    await page.clock.setFixedTime(new Date(2026, 10, 30, 9, 0, 0));
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'accounts_basic.xlsx' }).waitFor();
    await section(page, 'Week by week').click();
    await page.getByRole('button', { name: "Save this week's review" }).last().click();
    await page.getByRole('table', { name: 'Weeks' }).waitFor();
    await page.getByRole('combobox', { name: 'From week' }).selectOption('2026-W48');
    await page.getByRole('table', { name: 'Category moves' }).getByRole('button').first().click();
  },
  'time-log': async (page) => {
    await imported(page);
    await section(page, 'Time log').click();
    const form = page.getByRole('form', { name: 'Log time', exact: true });
    // One entry today (this week's column), a file of entries, and a mistake's inline alert.
    await form.getByRole('combobox', { name: 'Account' }).fill('Harbor Foods');
    await form.getByRole('spinbutton', { name: 'Hours' }).fill('1.5');
    await form.getByRole('button', { name: 'Log time' }).click();
    await page.getByRole('heading', { name: 'Entries (1)' }).waitFor();
    await page.getByLabel('Import a time log file').setInputFiles(TIME_LOG);
    await page.getByRole('heading', { name: 'Entries (16)' }).waitFor();
    await form.getByRole('combobox', { name: 'Account' }).fill('Nobody Ltd');
    await form.getByRole('spinbutton', { name: 'Hours' }).fill('1');
    await form.getByRole('button', { name: 'Log time' }).click();
    await form.getByRole('alert').waitFor();
    await page.getByRole('table', { name: 'Hours per week' }).waitFor();
  },
};

/// axe's violations on the page as it is now.
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    if (!result.passes.length) throw new Error('axe checked nothing');
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
    }));
  });
}

const describe = (v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`;

for (const colorScheme of ['light', 'dark']) {
  for (const [screen, reach] of Object.entries(SCREENS)) {
    test(`axe: ${screen} screen, ${colorScheme}`, TEST, async (t) => {
      const session = await open(browser, { colorScheme });
      t.after(() => session.close());
      const { page, requests } = session;
      await page.goto(server.url);
      await settle(page, requests);
      await page.getByLabel('Import workbook').waitFor({ state: 'attached' });
      await reach(page);
      const violations = await axe(page);
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      for (const v of violations.filter((v) => !serious.includes(v))) t.diagnostic(describe(v));
      assert.deepEqual(serious.map(describe), [], 'serious or critical axe violations');
    });
  }
}
