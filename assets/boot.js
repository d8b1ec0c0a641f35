// Starts the wasm app. It is a file rather than Trunk's inline loader because the page's
// Content-Security-Policy allows no inline script; Trunk.toml's pattern_script passes the
// hashed file names in the query string.
const here = new URL(import.meta.url);
const at = (name) => new URL(here.searchParams.get(name) ?? '', here).href;

// The worker starts the same files (see worker_boot.js and analyst.rs).
window.accountLensModule = { js: at('js'), wasm: at('wasm') };

const glue = await import(at('js'));
const wasm = await glue.default({ module_or_path: at('wasm') });

// As Trunk's own loader does: the exports on window.wasmBindings, then TrunkApplicationStarted.
window.wasmBindings = glue;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
