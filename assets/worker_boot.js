// Starts the page's own module in the worker (a module worker) and has it answer the page:
// analyst.rs passes the hashed names of the JS glue and the wasm in the query string, the same
// files the page loaded, so the browser's cache answers. A failure to load is thrown again
// outside the promise, so the page hears of it as the worker's `error` event instead of waiting
// for a "Ready" that never comes.
const here = new URL(import.meta.url);
const at = (name) => new URL(here.searchParams.get(name) ?? '', here).href;

try {
  const glue = await import(at('js'));
  await glue.default({ module_or_path: at('wasm') });
  glue.start_worker();
} catch (error) {
  setTimeout(() => {
    throw error;
  });
}
