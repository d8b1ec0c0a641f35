// Starts the worker's wasm: Trunk's `data-type="worker"` build gives unhashed worker.js
// (wasm-bindgen's no-modules glue) and worker_bg.wasm beside this file. A failure to load is
// thrown again outside the promise, so the page hears of it as the worker's `error` event
// instead of waiting for a "Ready" that never comes.
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
