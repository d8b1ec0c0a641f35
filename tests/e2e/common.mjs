// Shared helpers for the end-to-end tests (and bench/browser.mjs): serve dist/ on 127.0.0.1,
// launch the Debian Chromium through playwright-core, open fresh contexts, log every request a
// context makes, collect the page's console, take screenshots.
//
// Not a test file (node --test runs only *.test.mjs).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm, access, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
export const fixture = (...parts) => join(root, ...parts);
export const screenshotDir = join(root, 'target', 'e2e-screenshots');
export const requireTool = createRequire(join(root, 'tools', 'package.json'));
export const { chromium } = requireTool('playwright-core');

/// Every wait of a test: long enough for a cold worker on two busy cores.
export const WAIT = 60_000;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/// Throws a readable error when dist/ has not been built (with its worker).
export async function requireDist() {
  await access(join(dist, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `trunk build --release` first');
  });
  await access(join(dist, 'worker_boot.js')).catch(() => {
    throw new Error('dist/worker_boot.js is missing: the worker cannot start');
  });
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/// Serves `dir` (dist/ by default) with python3's http.server on a free port of 127.0.0.1.
/// Returns { url, origin, port, child, close() }.
export async function serve(dir = dist) {
  const port = await freePort();
  const child = spawn(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/`;
  const close = () => {
    if (child.exitCode === null) child.kill();
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`http.server exited: ${stderr}`);
    try {
      if ((await fetch(url)).ok) return { child, url, origin, port, close };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  close();
  throw new Error(`http.server did not answer on ${url}: ${stderr}`);
}

/// A headless Chromium (no profile of its own: contexts from `newContext` are fresh and
/// independent, each with its own localStorage).
export async function launch(options = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/// A persistent context on a fresh profile directory; `close()` also removes the directory.
export async function launchPersistent(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'account-lens-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    await rm(profile, { recursive: true, force: true });
  };
  return context;
}

/// A fresh context of `browser` and its first page, with the console collected, the status line
/// logged and every request recorded. Returns { context, page, requests, consoleLines, close() }.
export async function open(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  context.setDefaultTimeout(WAIT);
  const requests = await recordRequests(context);
  await logStatus(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const consoleLines = collectConsole(page);
  requests.watch(page);
  return { context, page, requests, consoleLines, close: () => context.close() };
}

/// The page's console, its uncaught errors and its workers' errors, as lines.
export function collectConsole(page, lines = []) {
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  page.on('crash', () => lines.push('crash: the page crashed'));
  return lines;
}

/// Everything the polite status line says, in order, on `window.__statusLog` of every page of
/// `target` (a page or a context): the worker's progress.
export async function logStatus(target) {
  await target.addInitScript(() => {
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
}

/// Takes (and empties) the status line's log of `page`.
export const statusLog = (page) => page.evaluate(() => (window.__statusLog ?? []).splice(0));

/// Until the polite status line is empty again (the worker has answered).
export const idle = (page) =>
  page.waitForFunction(
    () => document.querySelector('[role="status"][aria-live="polite"]')?.textContent.trim() === '',
    null,
    { timeout: WAIT },
  );

/// Records every request of a context: routed through `context.route('**/*')` (continued
/// unchanged) and heard on each watched page's 'request' event (which also carries the page's
/// workers' requests). Entries are { url, step, source }; `step(name)` names what the test does
/// from now on, `during(name)` / `since(name)` give what was asked meanwhile.
export async function recordRequests(context) {
  const entries = [];
  let current = 'load';
  const steps = ['load'];
  const add = (url, source) => entries.push({ url, step: current, source });
  await context.route('**/*', (route) => {
    add(route.request().url(), 'route');
    return route.continue();
  });
  const log = {
    entries,
    watch(page) {
      page.on('request', (request) => add(request.url(), 'request'));
      page.on('worker', (worker) => add(worker.url(), 'worker'));
      return log;
    },
    step(name) {
      current = name;
      steps.push(name);
    },
    during: (name) => entries.filter((e) => e.step === name),
    since(name) {
      const from = steps.indexOf(name);
      const later = new Set(from < 0 ? [] : steps.slice(from));
      return entries.filter((e) => later.has(e.step));
    },
    /// Entries not on `origin` (blob: and data: URLs are not requests to anyone).
    foreign: (origin) => entries.filter((e) => !local(e.url) && !e.url.startsWith(`${origin}/`)),
    /// Requests (not blob:/data:) made during the named steps.
    network: (...names) => entries.filter((e) => names.includes(e.step) && !local(e.url)),
  };
  return log;
}

const local = (url) => url.startsWith('blob:') || url.startsWith('data:');

/// Until nothing has been asked for `quietMs` and the load has finished: the page and its worker
/// have fetched what they need.
export async function settle(page, requests, quietMs = 500) {
  await page.waitForLoadState('load');
  let seen = -1;
  for (let i = 0; i < WAIT / quietMs; i++) {
    if (requests.entries.length === seen) return;
    seen = requests.entries.length;
    await page.waitForTimeout(quietMs);
  }
  throw new Error(`requests still coming after ${WAIT} ms`);
}

/// A full-page screenshot at target/e2e-screenshots/<name>.png (kept as an artifact).
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/// A temporary directory, removed by the returned `remove()`.
export async function tempDir(prefix = 'account-lens-e2e-') {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/// The helpers of a test file whose `before` sets up `browser` and `server` (read through
/// `get()`, as they exist only once it has run):
/// - `start(t, { clock, init, ...contextOptions })`: a fresh context on the served page, loaded
///   and settled (the worker has fetched its files); `clock` a Date the browser's clock stands
///   at (timers still run), `init` a script run before the page's own. The requests of each step
///   are printed as the test's diagnostic.
/// - `assertSameOrigin(requests)`: no request ever went to another origin than the served one.
/// - `assertNoRequests(requests, ...steps)`: no request at all (blob:/data: aside) in those steps.
export function sessions(get) {
  async function start(t, { clock, init, ...options } = {}) {
    const { browser, server } = get();
    const session = await open(browser, options);
    if (init) await session.context.addInitScript(init);
    if (clock) await session.context.clock.setFixedTime(clock);
    await session.page.goto(server.url);
    await settle(session.page, session.requests);
    await session.page.getByLabel('Import workbook').waitFor({ state: 'attached' });
    session.requests.step('ready');
    t.after(async () => {
      if (process.env.E2E_CONSOLE) console.log(`[${t.name}]\n${session.consoleLines.join('\n')}`);
      // Per step, the paths asked for (all on the served origin unless a test failed on it).
      const byStep = new Map();
      for (const e of session.requests.entries) {
        if (e.source === 'worker') continue;
        const path = e.url.startsWith(server.origin) ? e.url.slice(server.origin.length) : e.url;
        byStep.set(e.step, (byStep.get(e.step) ?? new Set()).add(path));
      }
      t.diagnostic(`requests: ${[...byStep].map(([step, paths]) => `${step}: ${[...paths].join(' ')}`).join(' | ')}`);
      await session.close();
    });
    return session;
  }
  function assertSameOrigin(requests) {
    const foreign = requests.foreign(get().server.origin).map((e) => e.url);
    assert.deepEqual(foreign, [], `requests to other origins: ${foreign.join(', ')}`);
  }
  function assertNoRequests(requests, ...steps) {
    const made = requests.network(...steps).map((e) => `${e.step}: ${e.url}`);
    assert.deepEqual(made, [], `requests while the rep works: ${made.join(', ')}`);
  }
  return { start, assertSameOrigin, assertNoRequests };
}
