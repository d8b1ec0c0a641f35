//! The Web Worker that imports, analyses and exports workbooks for the page (built by Trunk from
//! `<link data-trunk rel="rust" data-bin="worker" data-type="worker">`, started by
//! `assets/worker_boot.js`).

fn main() {
    account_lens_web::worker::start();
}
