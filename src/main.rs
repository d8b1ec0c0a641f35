//! Mounts the Account Lens page; everything else lives in the library.

fn main() {
    account_lens_web::crash::install_notice();
    yew::Renderer::<account_lens_web::App>::new().render();
}
