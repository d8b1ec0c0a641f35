//! What the user sees if the page itself fails: a panic leaves the wasm instance unusable, so
//! say so plainly instead of leaving a page that silently stops answering.

const NOTICE: &str =
    "Account Lens stopped on an unexpected error. Reload the page to start again. \
Nothing was sent anywhere. If the same file causes this again, open it in Excel or LibreOffice, \
save a new copy, and import that.";

/// Installs the panic hook: the panic goes to the browser console, the notice onto the page.
pub fn install_notice() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_notice();
    }));
}

fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(notice), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    notice.set_class_name("crash");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(NOTICE));
    let _ = body.prepend_with_node_1(&notice);
}
