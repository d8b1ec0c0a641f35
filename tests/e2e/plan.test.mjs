// End to end: the time log and the week's time plan in the built page (dist/), driven through
// accessible names only. Log a week of time (and a mistake), reload, plan the week, change the
// capacity and one account's estimates; export and read the Time plan and Activities sheets back
// with openpyxl, clear, import the export again; import a separate time-log file (twice); the
// workbook's own time-log sheet. Every test has its own browser context (own localStorage), and
// every request of that context is recorded: none may go to another origin, and none at all may
// be made while the rep works after the page has loaded. Screenshots go to
// target/e2e-screenshots/ (kept as artifacts).
//
// The review and the plan use the 4 full ISO weeks before the current one. Tests that log time
// in the form take today from the form's Date field (the browser's own calendar); tests that
// import the fixtures' fixed November 2026 dates pin the browser's clock to Monday 2026-11-30,
// the review day the fixtures were made for (window 2026-11-02 to 2026-11-29).
//
// Run (from the repository root, after `trunk build --release`): node --test tests/e2e/
// (E2E_CONSOLE=1 also prints each page's console.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
  fixture,
  settle,
  idle,
  screenshot,
  tempDir,
} from './common.mjs';
import { title, accounts, detail, sections, section, importFile, openSection, tableRows, savedWith, exportTo, suite } from './page.mjs';

const run = promisify(execFile);
const TEST = { timeout: 240_000 };

const BASIC = fixture('tests', 'fixtures', 'accounts_basic.xlsx');
const WITH_TIME = fixture('tests', 'fixtures', 'accounts_with_time.xlsx');
const TIME_LOG = fixture('tests', 'fixtures', 'time_log.xlsx');
/// The review day the time-log fixtures were made for: Monday of ISO week 49 of 2026, 09:00 in
/// the browser's time zone.
const REVIEW_DAY = new Date(2026, 10, 30, 9, 0, 0);
const ACTIVITIES = ['Visit', 'Call', 'Vendor training', 'Demo', 'Admin', 'Other'];

// ---------------------------------------------------------------------------------------------
// Helpers (accessible names only; the page's classes appear only where the brief names them).

const { start, assertSameOrigin, assertNoRequests } = suite();

/// No uncaught error and no crash in the page's console.
const assertNoErrors = (consoleLines) =>
  assert.deepEqual(consoleLines.filter((l) => l.startsWith('pageerror') || l.startsWith('crash')), []);

const timeLog = (page) => page.locator('[data-screen="time-log"]');
const planScreen = (page) => page.locator('[data-screen="plan"]');
const logForm = (page) => page.getByRole('form', { name: 'Log time', exact: true });
const weeks = (page) => timeLog(page).getByRole('table', { name: 'Hours per week' });
const entries = (page) => timeLog(page).getByRole('table', { name: /^Entries \(\d+\)$/ });
const entriesHeading = (page) => timeLog(page).getByRole('heading', { name: /^Entries \(\d+\)$/ });
const source = (page) => page.locator('.time-log .source');
const capacity = (page) => page.getByRole('spinbutton', { name: 'Hours a week to plan' });
const headline = (page) => page.locator('.plan .headline');
const perCategory = (page) => page.getByRole('table', { name: 'Hours per category' });
const planTable = (page) => page.getByRole('table', { name: 'Time plan', exact: true });
const moves = (page) => planScreen(page).getByRole('list', { name: 'Moves' });
const whatIf = (page, name) => page.getByRole('group', { name: `What if: ${name}` });
/// An account's estimates button (its name holds "Estimates of <account>").
const estimatesOf = (page, name) => planTable(page).getByRole('button', { name: `Estimates of ${name}` });
const politeStatus = (page) => page.locator('[role="status"][aria-live="polite"]');




const tableHeaders = async (table) => (await table.locator('thead th').allTextContents()).map((h) => h.trim());

/// A number as the page shows it: "1,234", "+2.5", "−10" (a minus sign), "—" (none: 0).
function number(text) {
  const t = text.trim();
  if (/^[-–—]$/.test(t)) return 0;
  const n = Number(t.replace(/\u2212/g, '-').replace(/[,+\s]/g, ''));
  assert.ok(Number.isFinite(n), `not a number: "${text}"`);
  return n;
}

/// Hours the page shows with one decimal: within rounding of `expected`.
function assertHours(shown, expected, what) {
  assert.ok(Math.abs(number(shown) - expected) <= 0.05 + 1e-9, `${what}: shows "${shown}", expected ${expected}`);
}

/// Until the polite status line says `pattern` (a string: exactly that); its text.
async function statusSays(page, pattern) {
  const handle = await page.waitForFunction(
    ([source, flags, exact]) => {
      const text = document.querySelector('[role="status"][aria-live="polite"]')?.textContent.trim() ?? '';
      const ok = exact !== null ? text === exact : new RegExp(source, flags).test(text);
      return ok ? text : null;
    },
    typeof pattern === 'string' ? [null, null, pattern] : [pattern.source, pattern.flags, null],
  );
  return handle.jsonValue();
}


/// Until the saved state (localStorage "account-lens/state") has the plan's capacity at `hours`.
async function savedCapacity(page, hours) {
  await page.waitForFunction(
    (hours) => {
      const text = localStorage.getItem('account-lens/state');
      return text?.startsWith('{"version":6,') && JSON.parse(text).plan?.capacity === hours;
    },
    hours,
    { timeout: 60_000 },
  );
}

/// Until `read()` gives something else than `was`; the new value.
async function changed(page, read, was, what) {
  for (let i = 0; i < 300; i++) {
    const now = await read();
    if (JSON.stringify(now) !== JSON.stringify(was)) return now;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what} stayed ${JSON.stringify(was)}`);
}

// Dates as the form writes them ("2026-11-30"), counted in whole days (UTC: no time zone).
const DAY = 86_400_000;
const dayOf = (iso) => Date.UTC(...iso.split('-').map((p, i) => Number(p) - (i === 1 ? 1 : 0)));
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso, n) => isoOf(dayOf(iso) + n * DAY);
/// Monday of the ISO week of `iso`.
const mondayOf = (iso) => addDays(iso, -((new Date(dayOf(iso)).getUTCDay() + 6) % 7));
/// The ISO week number of `iso`.
function isoWeek(iso) {
  const thursday = dayOf(addDays(mondayOf(iso), 3));
  const jan1 = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - jan1) / DAY / 7) + 1;
}
/// The window of the review as of `today`: the four full weeks before this one.
function window4(today) {
  const monday = mondayOf(today);
  const from = addDays(monday, -28);
  return {
    from,
    to: addDays(monday, -1),
    monday,
    labels: [0, 1, 2, 3].map((i) => `W${isoWeek(addDays(from, 7 * i))}`),
    /// 0-3: a week of the window, 4: this week, -1: neither.
    week: (iso) => {
      const i = Math.floor((dayOf(iso) - dayOf(from)) / DAY / 7);
      return i >= 0 && i <= 4 ? i : -1;
    },
  };
}

/// "1.5", "2", "0.25": hours as the status line and the entries table quote them.
const hoursText = (h) => String(Math.round(h * 100) / 100);

/// Logs one entry through `form` (the Time log's own form, or an account's without Account).
async function logTime(form, { account, date, hours, activity, note }) {
  if (account !== undefined) await form.getByRole('combobox', { name: 'Account' }).fill(account);
  await form.getByLabel('Date', { exact: true }).fill(date);
  await form.getByRole('spinbutton', { name: 'Hours' }).fill(String(hours));
  await form.getByRole('combobox', { name: 'Activity' }).selectOption({ label: activity });
  await form.getByRole('textbox', { name: 'Note on the entry' }).fill(note);
  await form.getByRole('button', { name: 'Log time' }).click();
}

/// The entries a test logs, relative to today (from the form's Date field): five in the four
/// weeks of the window, each account with a whole number of hours' average, and one this week
/// that does not count yet. `typed` is how the rep types the account (case does not matter).
function weekOfTime(today) {
  const w = window4(today);
  const m = w.monday;
  return [
    { account: 'Harbor Foods', date: addDays(m, -7), hours: 1.5, activity: 'Visit', note: 'Walked the new cold store with the buyer' },
    { account: 'Summit Clinics', typed: 'summit clinics', date: addDays(m, -12), hours: 2.5, activity: 'Vendor training', note: 'Sterilizer training for the night shift' },
    { account: 'Corner Bistro', date: addDays(m, -3), hours: 2, activity: 'Call', note: 'Winter menu — gloves and wraps' },
    { account: 'Summit Clinics', date: addDays(m, -26), hours: 1.5, activity: 'Demo', note: 'Showed the new gloves' },
    { account: 'Harbor Foods', date: addDays(m, -18), hours: 0.5, activity: 'Admin', note: 'Quote for the second site' },
    { account: 'Harbor Foods', date: today, hours: 2, activity: 'Other', note: 'This week: not counted yet' },
  ];
}

/// Logs `list` in the Time log form, checking the status line after each.
async function logAll(page, list) {
  for (const e of list) {
    await logTime(logForm(page), { ...e, account: e.typed ?? e.account });
    await statusSays(page, `Logged ${hoursText(e.hours)} h for ${e.account} on ${e.date}.`);
  }
}

/// The entries table's rows as the page sorts them: the newest first, the latest logged first
/// within a day. `from` is the last column ("Remove" for entries logged in the app).
const expectedEntries = (list, from = 'Remove') =>
  list
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.date.localeCompare(a.e.date) || b.i - a.i)
    .map(({ e }) => [e.date, e.account, hoursText(e.hours), e.activity, e.note, from]);

/// Hours per account in the four weeks of the window and this week, and their 4-week average.
function expectedWeeks(list, today, canonical = (a) => a) {
  const w = window4(today);
  const by = new Map();
  for (const e of list) {
    const i = w.week(e.date);
    if (i < 0) continue;
    const name = canonical(e.account);
    if (!by.has(name)) by.set(name, [0, 0, 0, 0, 0]);
    by.get(name)[i] += e.hours;
  }
  return [...by]
    .map(([account, hours]) => ({ account, hours, average: hours.slice(0, 4).reduce((a, b) => a + b, 0) / 4 }))
    .sort((a, b) => b.average - a.average || a.account.localeCompare(b.account));
}

/// The weekly table against `expected` (its rows in order, each number within rounding).
async function assertWeeks(page, today, expected, sameName = (a, b) => a === b) {
  assert.deepEqual(await tableHeaders(weeks(page)), ['Account', ...window4(today).labels, 'This week', '4-week average']);
  const shown = await tableRows(weeks(page));
  assert.equal(shown.length, expected.length, `weekly rows: ${JSON.stringify(shown)}`);
  expected.forEach((row, r) => {
    const [name, ...cells] = shown[r];
    assert.ok(sameName(name, row.account), `weekly row ${r}: ${name}, expected ${row.account}`);
    row.hours.forEach((h, i) => {
      if (h === 0) assert.equal(cells[i], '—', `${row.account}, week ${i}`);
      else assertHours(cells[i], h, `${row.account}, week ${i}`);
    });
    assertHours(cells[5], row.average, `${row.account}, 4-week average`);
  });
}

/// The source line's words for a log with `n` entries in the window of `today`.
const logSource = (today, n) => {
  const w = window4(today);
  return `Hours are the 4-week average of your time log (${w.from} to ${w.to}, ${n} ${n === 1 ? 'entry' : 'entries'}).`;
};

const HEADLINE = /^Expected gross profit ([\d,]+) → ([\d,]+) \(([+\u2212-][\d,]+)\)$/;

/// The plan's headline, checked for its shape: [today, with the plan, change].
async function readHeadline(page) {
  const text = (await headline(page).textContent()).trim();
  const m = text.match(HEADLINE);
  assert.ok(m, `headline: "${text}"`);
  const [before, after, change] = m.slice(1).map(number);
  assert.ok(Math.abs(after - before - change) <= 1, `headline does not add up: ${text}`);
  return { text, before, after, change };
}

/// The per-category table as { category: { accounts, now, recommended, change } }, checked
/// against the figure's description (the same numbers in words) and against `capacity`.
async function readCategories(page, capacityHours) {
  const rows = await tableRows(perCategory(page));
  assert.deepEqual(rows.map((r) => r[0]), ['Grow', 'Maintain', 'At risk']);
  const out = {};
  for (const [category, count, now, recommended, change] of rows) {
    out[category] = { accounts: number(count), now: number(now), recommended: number(recommended), change: number(change) };
    // The change is the exact one (quarter hours); "Hours now" and "Recommended" are rounded.
    assert.ok(Math.abs(out[category].recommended - out[category].now - out[category].change) <= 0.1 + 1e-9, `${category}: ${now} → ${recommended} is not ${change}`);
  }
  assert.equal(Object.values(out).reduce((s, c) => s + c.accounts, 0), 11);
  // Each Recommended is shown to one decimal: their sum is the capacity within that rounding.
  const planned = Object.values(out).reduce((s, c) => s + c.recommended, 0);
  assert.ok(Math.abs(planned - capacityHours) <= 0.05 * rows.length + 1e-9, `Recommended adds up to ${planned}, not ${capacityHours}`);
  const figure = page.getByRole('figure', { name: 'Hours now and in the plan' });
  const description = await figure.getByRole('img').getAttribute('aria-label');
  const words = rows.map(([c, , now, recommended]) => `${c}: ${now} h now, ${recommended} h planned`).join('; ');
  assert.equal(description, `${words}.`);
  return out;
}

/// The Time plan table's rows as objects.
async function readPlan(page) {
  assert.deepEqual((await tableHeaders(planTable(page))).slice(0, 6), ['Account', 'Category', 'Hours now', 'Recommended', 'Change', 'Expected sales']);
  return (await tableRows(planTable(page))).map(([account, category, now, recommended, change, sales, estimates]) => ({
    account,
    category,
    now,
    recommended,
    change,
    sales,
    // The button's text, without a visually hidden "Estimates of <account>: " if it has one.
    estimates: estimates.startsWith(`Estimates of ${account}: `) ? estimates.slice(`Estimates of ${account}: `.length) : estimates,
  }));
}


// Reads an export's "Time plan" and "Activities" sheets back with openpyxl: the keyed rows of
// the Time plan (key in column C, value in B), its account rows under the header row that starts
// "Account", "Category" (up to the first blank or "Total" row), and the Activities rows under
// their Date | Account | Hours | Activity | Note header.
const PLAN_READBACK = `
import datetime, json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=False)
out = {"sheets": wb.sheetnames, "plan": None, "activities": None}
if "Time plan" in wb.sheetnames:
    ws = wb["Time plan"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[0] == "Account" and r[1] == "Category")
    header = [str(h).strip() if h is not None else None for h in rows[at]]
    accounts = []
    for r in rows[at + 1:]:
        if r[0] is None or str(r[0]).strip() == "" or r[0] == "Total":
            break
        accounts.append(dict(zip(header, r)))
    out["plan"] = {
        "a1": rows[0][0],
        "keyed": {str(r[2]): r[1] for r in rows[:at] if len(r) > 2 and r[2] is not None},
        "header": header,
        "accounts": accounts,
    }
if "Activities" in wb.sheetnames:
    ws = wb["Activities"]
    rows = [list(r)[:5] for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[:5] == ["Date", "Account", "Hours", "Activity", "Note"])
    def day(v):
        return v.date().isoformat() if isinstance(v, datetime.datetime) else v.isoformat() if isinstance(v, datetime.date) else v
    out["activities"] = {
        "a1": rows[0][0],
        "rows": [[day(r[0]), r[1], r[2], r[3], r[4] or ""] for r in rows[at + 1:] if any(v is not None for v in r)],
    }
print(json.dumps(out, default=str))
`;

async function readPlanBack(path) {
  const { stdout } = await run('python3', ['-c', PLAN_READBACK, path]);
  return JSON.parse(stdout);
}

// The entries of a time-log file as openpyxl reads it, independently of the page: rows under
// the header (Date, Customer, Type, Duration, Description) with a date, a customer and a
// positive duration (a time of day, a timedelta, a number of hours or "h:mm" text), up to the
// "Total" row. Also the accounts the file names.
const TIME_LOG_READBACK = `
import datetime, json, re, sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=False).active
rows = [list(r) for r in ws.iter_rows(values_only=True)]
at = next(i for i, r in enumerate(rows) if r[:2] == ["Date", "Customer"])
def hours(v):
    if isinstance(v, datetime.time):
        return v.hour + v.minute / 60
    if isinstance(v, datetime.timedelta):
        return v.total_seconds() / 3600
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        m = re.fullmatch(r"\\s*(\\d+):(\\d\\d)\\s*", v)
        if m:
            return int(m.group(1)) + int(m.group(2)) / 60
    return None
entries, left_out = [], 0
for r in rows[at + 1:]:
    day, customer, kind, duration, note = (r + [None] * 5)[:5]
    if customer == "Total":
        break
    if all(v is None for v in r):
        continue
    h = hours(duration)
    if not isinstance(day, (datetime.date, datetime.datetime)) or not customer or not h or h <= 0:
        left_out += 1
        continue
    d = day.date() if isinstance(day, datetime.datetime) else day
    entries.append({"date": d.isoformat(), "account": customer, "type": kind, "hours": h, "note": note or ""})
print(json.dumps({"entries": entries, "left_out": left_out, "accounts": sorted({e["account"] for e in entries})}))
`;

async function readTimeLog(path) {
  const { stdout } = await run('python3', ['-c', TIME_LOG_READBACK, path]);
  return JSON.parse(stdout);
}

// ---------------------------------------------------------------------------------------------

test('log a week of time, reload, see the plan', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t);
  await importFile(page, BASIC, 'accounts_basic.xlsx');

  // Before any time is logged, the review's hours come from the sheet.
  requests.step('log');
  await openSection(page, 'Time log', timeLog(page));
  assert.equal((await source(page).textContent()).trim(), "Hours are the sheet's Hours/week column.");
  const form = logForm(page);
  const today = await form.getByLabel('Date', { exact: true }).inputValue();
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  t.diagnostic(`today in the browser: ${today}; window ${window4(today).from} to ${window4(today).to}`);
  // The datalist offers the workbook's accounts.
  const offered = await form.getByRole('combobox', { name: 'Account' }).evaluate((input) => [...input.list.options].map((o) => o.value));
  assert.equal(offered.length, 11);
  assert.ok(offered.includes('Harbor Foods') && offered.includes('Summit Clinics'), offered.join(', '));

  const logged = weekOfTime(today);
  await logAll(page, logged);
  // The account and date stay for the next entry; hours and note are cleared.
  assert.equal(await form.getByRole('spinbutton', { name: 'Hours' }).inputValue(), '');
  assert.equal(await form.getByRole('textbox', { name: 'Note on the entry' }).inputValue(), '');

  // An account that is not in the workbook: an inline alert, nothing logged.
  await logTime(form, { account: 'Harbour Food', date: addDays(window4(today).monday, -2), hours: 3, activity: 'Visit', note: 'Should not be logged' });
  const alert = form.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), '“Harbour Food” is not an account of this workbook: pick one from the list.');
  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${logged.length})`);
  assert.deepEqual(await tableRows(entries(page)), expectedEntries(logged));
  // The next good entry takes the alert away.
  const extra = { account: 'Corner Bistro', date: today, hours: 0.25, activity: 'Call', note: 'Quick check-in' };
  await logTime(form, extra);
  await statusSays(page, `Logged 0.25 h for Corner Bistro on ${today}.`);
  assert.equal(await form.getByRole('alert').count(), 0);
  logged.push(extra);

  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${logged.length})`);
  assert.deepEqual(await tableRows(entries(page)), expectedEntries(logged));
  // Summit 4 h, Harbor Foods 2 h, Corner Bistro 2 h in the window: 1, 0.5 and 0.5 h a week.
  const expectedWeekly = expectedWeeks(logged, today);
  assert.deepEqual(expectedWeekly.map((r) => [r.account, r.average]), [['Summit Clinics', 1], ['Corner Bistro', 0.5], ['Harbor Foods', 0.5]]);
  await assertWeeks(page, today, expectedWeekly);
  assert.equal((await source(page).textContent()).trim(), logSource(today, 5));
  await screenshot(page, 'time-log');

  // The review's Hours: the 4-week averages, 0 for every account without time in the window.
  await openSection(page, 'Review', accounts(page));
  const hoursByAccount = Object.fromEntries(
    await accounts(page).locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => {
      const cells = r.querySelectorAll(':scope > th, :scope > td');
      return [cells[0].textContent.trim(), cells[i].textContent.trim()];
    }), (await tableHeaders(accounts(page))).indexOf('Hours')),
  );
  assert.equal(Object.keys(hoursByAccount).length, 11);
  for (const [name, shown] of Object.entries(hoursByAccount)) {
    const expected = { 'Summit Clinics': 1, 'Harbor Foods': 0.5, 'Corner Bistro': 0.5 }[name] ?? 0;
    assertHours(shown, expected, `review hours of ${name}`);
  }

  // The account's detail lists its entries, the newest first, and has its own log form.
  await accounts(page).getByRole('button', { name: 'Harbor Foods', exact: true }).click();
  await detail(page).getByRole('heading', { level: 3, name: 'Harbor Foods' }).waitFor();
  await detail(page).getByRole('heading', { name: 'Activity', exact: true }).waitFor();
  const history = (await detail(page).locator('.history li').allTextContents()).map((s) => s.trim());
  const harbor = expectedEntries(logged.filter((e) => e.account === 'Harbor Foods'));
  assert.deepEqual(history, harbor.map(([date, , hours, activity, note]) => `${date} · ${activity} · ${hours} h${note ? ` · ${note}` : ''}`));
  const own = detail(page).getByRole('form', { name: 'Log time for Harbor Foods' });
  assert.equal(await own.getByRole('combobox', { name: 'Account' }).count(), 0);
  await detail(page).getByRole('button', { name: 'Close detail' }).click();
  await detail(page).waitFor({ state: 'detached' });

  await savedWith(page, '"version":6', logged[0].note, extra.note);
  assertNoRequests(requests, 'ready', 'log');

  // After a reload, the entries are still there.
  requests.step('reload');
  await page.reload();
  await settle(page, requests);
  requests.step('plan');
  await title(page, 'accounts_basic.xlsx').waitFor();
  await openSection(page, 'Time log', timeLog(page));
  assert.deepEqual(await tableRows(entries(page)), expectedEntries(logged));
  await assertWeeks(page, today, expectedWeekly);
  assert.equal((await source(page).textContent()).trim(), logSource(today, 5));

  // The plan: 40 h a week by default, given out by category; moves with their reasons.
  await openSection(page, 'Time plan', planScreen(page));
  assert.equal(await capacity(page).inputValue(), '40');
  const at40 = await readHeadline(page);
  t.diagnostic(`40 h: ${at40.text}`);
  const categories40 = await readCategories(page, 40);
  // Hours now: Summit Clinics (Grow) 1, Harbor Foods and Corner Bistro (Maintain) 0.5 each.
  assert.deepEqual(Object.values(categories40).map((c) => c.now), [1, 1, 0]);
  assert.deepEqual(Object.values(categories40).map((c) => c.accounts), [3, 4, 4]);
  const planSource = (await planScreen(page).locator('.plan .source').textContent()).trim();
  assert.equal(planSource.replace(/\.?$/, '.'), logSource(today, 5));
  const listed = (await moves(page).getByRole('listitem').allTextContents()).map((s) => s.trim());
  assert.ok(listed.length > 0, 'no moves');
  for (const move of listed) assert.match(move, /^[+\u2212-]\d+(\.\d+)? h .+: .+/);
  const plan40 = await readPlan(page);
  assert.equal(plan40.length, 11);
  // Every move names an account of the plan with the same change as its row.
  for (const move of listed) {
    const row = plan40.find((r) => move.includes(` h ${r.account}: `));
    assert.ok(row, `move of no account: ${move}`);
    assert.ok(move.startsWith(`${row.change} h `), `${move} / ${row.change}`);
  }
  const plannedSum = plan40.reduce((s, r) => s + number(r.recommended), 0);
  assert.ok(Math.abs(plannedSum - 40) <= 0.05 * plan40.length, `Time plan Recommended adds up to ${plannedSum}`);
  await screenshot(page, 'plan');

  // 20 h a week: the plan gives out 20, and expects less.
  await capacity(page).fill('20');
  const at20 = await changed(page, () => readHeadline(page), at40, 'the headline');
  t.diagnostic(`20 h: ${at20.text}`);
  assert.equal(at20.before, at40.before, 'the gross profit at today\'s hours changed with the capacity');
  assert.ok(at20.after < at40.after, `${at20.text} / ${at40.text}`);
  const categories20 = await readCategories(page, 20);
  assert.deepEqual(Object.values(categories20).map((c) => c.now), [1, 1, 0]);
  await savedCapacity(page, 20);

  // What if the first account of the table saturates early: fewer hours for it, a lower plan.
  const [first] = await readPlan(page);
  await estimatesOf(page, first.account).click();
  const editor = whatIf(page, first.account);
  await editor.getByRole('heading', { name: `What if: ${first.account}` }).waitFor();
  assert.equal(await estimatesOf(page, first.account).getAttribute('aria-expanded'), 'true');
  const saturation = editor.getByRole('spinbutton', { name: 'Sales at saturation' });
  for (const label of ['Sales with no time', 'Sales with half the time', 'Sales with 50% more time', 'Fewest hours a week', 'Most hours a week']) {
    await editor.getByRole('spinbutton', { name: label }).waitFor();
  }
  const was = number(await saturation.inputValue());
  const [none, half, more] = await Promise.all(
    ['Sales with no time', 'Sales with half the time', 'Sales with 50% more time'].map(async (l) => number(await editor.getByRole('spinbutton', { name: l }).inputValue())),
  );
  assert.equal(first.estimates, `${none} / ${half} / ${more} / ${was}%`);
  const lower = Math.round((more + 1) * 100) / 100; // just above "50% more time": little upside left
  await saturation.fill(String(lower));
  const readFirst = async () => (await readPlan(page)).find((r) => r.account === first.account);
  const after = await changed(page, readFirst, first, `the plan row of ${first.account}`);
  t.diagnostic(`${first.account}: saturation ${was}% → ${lower}%: ${first.recommended} → ${after.recommended} h`);
  assert.ok(number(after.recommended) < number(first.recommended), `${first.recommended} → ${after.recommended}`);
  assert.equal(after.estimates, `${none} / ${half} / ${more} / ${lower}% (yours)`);
  const what = await readHeadline(page);
  assert.ok(what.after < at20.after, `${what.text} / ${at20.text}`);
  await readCategories(page, 20);
  await editor.getByRole('button', { name: 'Back to the default estimates' }).waitFor();
  // From the top: a full-page screenshot of a scrolled page moves the sticky table headers.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'plan-what-if');
  await editor.getByRole('button', { name: 'Close what-if' }).click();
  await editor.waitFor({ state: 'detached' });
  assert.equal(await estimatesOf(page, first.account).getAttribute('aria-expanded'), 'false');
  assertNoRequests(requests, 'plan');
  assertSameOrigin(requests);
  assertNoErrors(consoleLines);
});

test('export and read the Time plan and Activities back; clear; import the export again', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t);
  const dir = await tempDir();
  t.after(dir.remove);
  await importFile(page, BASIC, 'accounts_basic.xlsx');

  requests.step('work');
  await openSection(page, 'Time log', timeLog(page));
  const today = await logForm(page).getByLabel('Date', { exact: true }).inputValue();
  const logged = weekOfTime(today);
  await logAll(page, logged);
  const entryRows = await tableRows(entries(page));
  assert.deepEqual(entryRows, expectedEntries(logged));
  const weekly = await tableRows(weeks(page));

  // 30 h a week, and the rep's own saturation for Summit Clinics.
  await openSection(page, 'Time plan', planScreen(page));
  const at40 = await readHeadline(page);
  await capacity(page).fill('30');
  await changed(page, () => readHeadline(page), at40, 'the headline');
  await estimatesOf(page, 'Summit Clinics').click();
  const editor = whatIf(page, 'Summit Clinics');
  const before = (await readPlan(page)).find((r) => r.account === 'Summit Clinics');
  await editor.getByRole('spinbutton', { name: 'Sales at saturation' }).fill('130');
  await changed(page, async () => (await readPlan(page)).find((r) => r.account === 'Summit Clinics').estimates, before.estimates, 'the estimates of Summit Clinics');
  await editor.getByRole('button', { name: 'Close what-if' }).click();
  await editor.waitFor({ state: 'detached' });
  const headline30 = await readHeadline(page);
  await readCategories(page, 30);
  const shown = await readPlan(page);
  assert.equal(shown.find((r) => r.account === 'Summit Clinics').estimates, '60 / 86 / 109 / 130% (yours)');
  await savedCapacity(page, 30);
  await savedWith(page, '"version":6', logged[0].note);

  requests.step('export');
  const exported = await exportTo(page, dir.path, BASIC);
  t.diagnostic(`export: ${exported.name}${exported.chooser ? ' (workbook picked again)' : ''}`);
  assert.match(exported.name, /\.xlsx$/);
  // (The status line keeps the last "Logged …" line: not idle, but the download is saved.)
  t.diagnostic(`status after the export: ${(await politeStatus(page).textContent()).trim()}`);
  assertNoRequests(requests, 'ready', 'work', 'export');

  const back = await readPlanBack(exported.path);
  assert.ok(back.plan, `no sheet "Time plan" in ${back.sheets.join(', ')}`);
  assert.ok(back.activities, `no sheet "Activities" in ${back.sheets.join(', ')}`);
  assert.equal(back.plan.a1, 'Account Lens time plan');
  assert.equal(back.plan.keyed.capacity, 30);
  assert.deepEqual(back.plan.header.slice(0, 5), ['Account', 'Category', 'Current hours', 'Recommended hours', 'Change']);
  const sheetRows = back.plan.accounts;
  assert.deepEqual(sheetRows.map((r) => r.Account).sort(), shown.map((r) => r.account).sort());
  const recommended = sheetRows.reduce((s, r) => s + r['Recommended hours'], 0);
  assert.ok(Math.abs(recommended - 30) < 1e-6, `the sheet's recommended hours add up to ${recommended}`);
  // The top accounts of the page's table, row by row against the sheet.
  for (const row of shown.slice(0, 5)) {
    const r = sheetRows.find((s) => s.Account === row.account);
    const what = `${row.account}: page ${JSON.stringify(row)} / sheet ${JSON.stringify(r)}`;
    assert.equal(r.Category, row.category, what);
    assertHours(row.now, r['Current hours'], `${what} (hours now)`);
    assertHours(row.recommended, r['Recommended hours'], `${what} (recommended)`);
    assert.ok(Math.abs(number(row.change) - r.Change) <= 0.005 + 1e-9, `${what} (change)`);
    assert.ok(Math.abs(r['Current hours'] + r.Change - r['Recommended hours']) < 1e-9, what);
    assert.ok(Math.abs(number(row.sales) - r['Expected sales']) <= 1, `${what} (expected sales)`);
  }
  const summit = sheetRows.find((r) => r.Account === 'Summit Clinics');
  assert.equal(summit.Estimates, 'Your estimate');
  assert.equal(summit.Saturation, 1.3);
  assert.equal(sheetRows.find((r) => r.Account === 'Harbor Foods').Estimates, 'Category default');
  // The Activities sheet: exactly the logged entries.
  assert.equal(back.activities.a1, 'Account Lens activities');
  const key = (r) => JSON.stringify(r);
  assert.deepEqual(
    back.activities.rows.map(key).sort(),
    logged.map((e) => key([e.date, e.account, e.hours, e.activity, e.note])).sort(),
  );

  // Clear all data, then import the export: the entries, the capacity and the estimates are back.
  requests.step('clear');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await page.getByRole('button', { name: 'Try the sample workbook' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('account-lens/state')), null);
  requests.step('reimport');
  await importFile(page, exported.path, exported.name);
  await openSection(page, 'Time log', timeLog(page));
  assert.deepEqual(await tableRows(entries(page)), entryRows);
  assert.deepEqual(await tableRows(weeks(page)), weekly);
  assert.equal((await source(page).textContent()).trim(), logSource(today, 5));
  await openSection(page, 'Time plan', planScreen(page));
  assert.equal(await capacity(page).inputValue(), '30');
  assert.equal((await readPlan(page)).find((r) => r.account === 'Summit Clinics').estimates, '60 / 86 / 109 / 130% (yours)');
  assert.equal((await readHeadline(page)).text, headline30.text);
  await readCategories(page, 30);

  // The same export imported once more: its entries are not counted twice.
  await openSection(page, 'Review', accounts(page));
  await importFile(page, exported.path, exported.name);
  await openSection(page, 'Time log', timeLog(page));
  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${logged.length})`);
  assert.deepEqual(await tableRows(entries(page)), entryRows);
  assertNoRequests(requests, 'clear', 'reimport');
  assertSameOrigin(requests);
  assertNoErrors(consoleLines);
});

test('a separate time-log file: its entries are added once, the weeks and the review follow', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t, { clock: REVIEW_DAY });
  const file = await readTimeLog(TIME_LOG);
  t.diagnostic(`time_log.xlsx: ${file.entries.length} entries (${file.left_out} rows left out) for ${file.accounts.join(', ')}`);
  await importFile(page, BASIC, 'accounts_basic.xlsx');

  requests.step('import-log');
  await openSection(page, 'Time log', timeLog(page));
  const today = await logForm(page).getByLabel('Date', { exact: true }).inputValue();
  assert.equal(today, '2026-11-30');
  const names = await logForm(page).getByRole('combobox', { name: 'Account' }).evaluate((input) => [...input.list.options].map((o) => o.value));
  const canonical = (typed) => names.find((n) => n.toLowerCase() === typed.trim().toLowerCase());
  // Every account the file names is one of the workbook's (one spelt in lower case).
  for (const account of file.accounts) assert.ok(canonical(account), `${account} is not in ${names.join(', ')}`);

  const input = page.getByLabel('Import a time log file');
  await input.setInputFiles(TIME_LOG);
  const added = await statusSays(page, /^Added \d+ entries from “time_log\.xlsx”\./);
  t.diagnostic(`status: ${added}`);
  assert.ok(added.startsWith(`Added ${file.entries.length} entries from “time_log.xlsx”.`), added);
  await entriesHeading(page).filter({ hasText: `Entries (${file.entries.length})` }).waitFor();

  // The entries, the newest first (one a day in this file), as the file has them.
  const rows = await tableRows(entries(page));
  const expected = [...file.entries].sort((a, b) => b.date.localeCompare(a.date));
  assert.equal(rows.length, expected.length);
  expected.forEach((e, i) => {
    const [date, account, hours, activity, note, from] = rows[i];
    const what = `entry ${i}: ${JSON.stringify(rows[i])} / ${JSON.stringify(e)}`;
    assert.equal(date, e.date, what);
    assert.equal(account.toLowerCase(), e.account.toLowerCase(), what);
    assert.equal(hours, hoursText(e.hours), what);
    if (ACTIVITIES.includes(e.type)) assert.equal(activity, e.type, what);
    else assert.ok(ACTIVITIES.includes(activity), what);
    assert.equal(note, e.note, what);
    assert.equal(from, 'Remove', what);
  });
  const inWindow = file.entries.filter((e) => window4(today).week(e.date) >= 0 && window4(today).week(e.date) < 4);
  assert.equal(inWindow.length, 13);
  assert.equal((await source(page).textContent()).trim(), logSource(today, inWindow.length));
  const weekly = expectedWeeks(file.entries, today, canonical);
  await assertWeeks(page, today, weekly, (shown, name) => shown.toLowerCase() === name.toLowerCase());
  await screenshot(page, 'time-log-imported');

  // The same file again: nothing added, and the page says so.
  await input.setInputFiles(TIME_LOG);
  const again = await statusSays(page, /^Nothing added from “time_log\.xlsx”/);
  t.diagnostic(`again: ${again}`);
  assert.ok(again.startsWith(`Nothing added from “time_log.xlsx”: its ${file.entries.length} entries are already in your time log.`), again);
  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${file.entries.length})`);
  assert.deepEqual(await tableRows(entries(page)), rows);

  // The review's hours are the file's 4-week averages.
  await openSection(page, 'Review', accounts(page));
  const hoursColumn = (await tableHeaders(accounts(page))).indexOf('Hours');
  const review = await tableRows(accounts(page));
  for (const r of review) {
    const w = weekly.find((x) => x.account === r[0]);
    assertHours(r[hoursColumn], w ? w.average : 0, `review hours of ${r[0]}`);
  }
  assertNoRequests(requests, 'ready', 'import-log');
  assertSameOrigin(requests);
  assertNoErrors(consoleLines);
});

test('the workbook\'s own time-log sheet: its entries say so; one logged in the app can be removed', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t, { clock: REVIEW_DAY });
  const { stdout } = await run('python3', [
    '-c',
    `
import datetime, json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Time"]
rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
print(json.dumps([[d.date().isoformat(), a, m / 60, n or ""] for d, a, _, m, n in rows if d and a and m]))
`,
    WITH_TIME,
  ]);
  const sheet = JSON.parse(stdout).map(([date, account, hours, note]) => ({ date, account, hours, note }));
  await importFile(page, WITH_TIME, 'accounts_with_time.xlsx');

  requests.step('sheet-log');
  await openSection(page, 'Time log', timeLog(page));
  const today = await logForm(page).getByLabel('Date', { exact: true }).inputValue();
  assert.equal((await source(page).textContent()).trim(), logSource(today, sheet.length));
  const rows = await tableRows(entries(page));
  assert.equal(rows.length, sheet.length);
  const expected = [...sheet].sort((a, b) => b.date.localeCompare(a.date));
  expected.forEach((e, i) => {
    const [date, account, hours, , note, from] = rows[i];
    const what = `entry ${i}: ${JSON.stringify(rows[i])} / ${JSON.stringify(e)}`;
    assert.equal(date, e.date, what);
    assert.equal(account.toLowerCase(), e.account.toLowerCase(), what);
    assert.equal(hours, hoursText(e.hours), what);
    assert.equal(note, e.note, what);
    assert.equal(from, 'sheet “Time”', what);
  });
  assert.equal(await entries(page).getByRole('button', { name: /^Remove / }).count(), 0);

  // One entry logged here: it can be removed; the sheet's stay.
  const entry = { account: 'Harbor Foods', date: '2026-11-25', hours: 1, activity: 'Call', note: 'Delivery times' };
  await logAll(page, [entry]);
  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${sheet.length + 1})`);
  assert.equal((await source(page).textContent()).trim(), logSource(today, sheet.length + 1));
  const remove = entries(page).getByRole('button', { name: 'Remove 1 h for Harbor Foods on 2026-11-25', exact: true });
  await remove.click();
  await statusSays(page, 'Removed 1 h for Harbor Foods on 2026-11-25.');
  assert.equal((await entriesHeading(page).textContent()).trim(), `Entries (${sheet.length})`);
  assert.deepEqual(await tableRows(entries(page)), rows);
  assertNoRequests(requests, 'ready', 'sheet-log');
  assertSameOrigin(requests);
  assertNoErrors(consoleLines);
});

test('an entry logged just before a reload is kept', TEST, async (t) => {
  const { page, requests, consoleLines } = await start(t);
  await importFile(page, BASIC, 'accounts_basic.xlsx');
  await openSection(page, 'Time log', timeLog(page));
  const today = await logForm(page).getByLabel('Date', { exact: true }).inputValue();
  const entry = { account: 'Harbor Foods', date: addDays(window4(today).monday, -2), hours: 0.75, activity: 'Call', note: 'Reloaded at once' };
  // The form starts on the first activity.
  assert.equal(await logForm(page).getByRole('combobox', { name: 'Activity' }).inputValue(), 'visit');
  await logAll(page, [entry]);
  // No pause for the save to come on its own: the page writes it as it goes.
  requests.step('reload');
  await page.reload();
  await settle(page, requests);
  await title(page, 'accounts_basic.xlsx').waitFor();
  await openSection(page, 'Time log', timeLog(page));
  assert.deepEqual(await tableRows(entries(page)), expectedEntries([entry]));
  assertSameOrigin(requests);
  assertNoErrors(consoleLines);
});
