//! Account Lens in the browser: the Yew shell over the workbook importer and the engine.
//!
//! The data flows one way: a file's bytes → the worker ([`worker`], running [`load`]) → the
//! accounts as a [`protocol::Analysis`] → [`state::State`], where the rules run under the
//! user's settings and overrides → the components. What is kept between visits goes to
//! [`storage`] after every change. The page's thread never parses a workbook; [`analyst`] is
//! its side of the worker. Nothing the user loads leaves the page.
//!
//! The page and its worker run the same module: the page's `main` mounts the app, and
//! `assets/worker_boot.js` starts the module in a worker and calls [`start_worker`]. The browser
//! downloads the wasm once (the worker's fetch of the same URL is answered from the cache), and
//! the code both sides need — the engine, the wire format, the runtime — is there once.

pub mod accounts_codec;
pub mod analyst;
pub mod app;
pub mod backup;
pub mod clock;
pub mod components;
pub mod crash;
pub mod download;
pub mod history_codec;
pub mod load;
pub mod products;
pub mod protocol;
pub mod state;
pub mod storage;
pub mod table_view;
pub mod worker;

pub use app::App;

/// The worker's entry: answers the page's requests (see [`worker::start`]). Called by
/// `assets/worker_boot.js` once the module is started in the worker.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_worker() {
    worker::start();
}
