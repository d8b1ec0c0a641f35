//! Mounts the Account Lens page; everything else lives in the library. The same module runs
//! the worker (`assets/worker_boot.js` calls `start_worker`): there, with no window, this does
//! nothing.

fn main() {
    if web_sys::window().is_none() {
        return;
    }
    account_lens_web::crash::install_notice();
    yew::Renderer::<account_lens_web::App>::new().render();
}
