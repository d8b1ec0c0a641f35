//! Handing bytes to the browser as a download: Blob → object URL → `<a download>` → click.

use account_lens_workbook::file_stem;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `accounts.xlsx` → `accounts-annotated.xlsx` (any extension and folder dropped).
pub fn annotated_name(file_name: &str) -> String {
    let stem = file_stem(file_name).trim();
    let stem = if stem.is_empty() { "accounts" } else { stem };
    format!("{stem}-annotated.xlsx")
}

/// What the page says when the browser will not take the download.
pub const REFUSED: &str = "The browser did not accept the download. Check that downloads are allowed for this page and export again.";

/// Offers `bytes` as a file named `file_name`.
///
/// # Errors
/// When the browser refuses to make the Blob, the URL or the link.
pub fn offer(bytes: &js_sys::Uint8Array, file_name: &str, mime_type: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;

    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;

    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();

    // The download has taken the Blob by the next task; revoking any sooner can cancel it.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000)?;
    Ok(())
}
