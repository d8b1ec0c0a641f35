//! The page in a browser: its helpers, and the App mounted and driven through the DOM
//! (`cargo test --target wasm32-unknown-unknown -p account-lens-web --test web`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::Category;
use account_lens_web::download::annotated_name;
use account_lens_web::filter::matching;
use account_lens_web::load::{review_workbook, SAMPLE_BYTES, SAMPLE_NAME};
use account_lens_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_filter_matches_names_ignoring_case_and_spaces() {
    let analysis = review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap();
    let accounts = &analysis.review.accounts;
    assert_eq!(matching(accounts, "").len(), accounts.len());
    assert_eq!(matching(accounts, "   ").len(), accounts.len());
    let hits = matching(accounts, "  BAKERY ");
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|a| a.account.to_lowercase().contains("bakery")));
    assert!(matching(accounts, "no such account").is_empty());
}

#[wasm_bindgen_test]
fn the_export_is_named_after_the_file() {
    assert_eq!(annotated_name("accounts.xlsx"), "accounts-annotated.xlsx");
    assert_eq!(annotated_name("Q3 review.xls"), "Q3 review-annotated.xlsx");
    assert_eq!(
        annotated_name("C:\\Users\\rep\\book.ods"),
        "book-annotated.xlsx"
    );
    assert_eq!(annotated_name(".xlsx"), ".xlsx-annotated.xlsx");
    assert_eq!(annotated_name(""), "accounts-annotated.xlsx");
}

#[wasm_bindgen_test]
fn a_file_that_is_not_a_workbook_gives_a_message() {
    let error = review_workbook(b"\x00\x01\x02 not a workbook", "x.xlsx").unwrap_err();
    assert!(!error.user_message().is_empty());
}

/// Lets Yew render and the browser run its tasks.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().unwrap();
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button {name:?}"))
        .unchecked_into()
}

fn by_id<T: JsCast>(id: &str) -> T {
    let document = web_sys::window().unwrap().document().unwrap();
    document
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn the_sample_workbook_shows_its_accounts_and_the_filter_narrows_them() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;

    // The start screen: the file input has its label, the sample button is there.
    let label = all(&root, "label[for='import-file']");
    assert_eq!(label.len(), 1);
    assert_eq!(label[0].text_content().as_deref(), Some("Import workbook"));
    let _: HtmlInputElement = by_id("import-file");
    assert!(all(&root, "table").is_empty());

    button(&root, "Try the sample workbook").click();
    settle().await;

    let captions = all(&root, "table caption");
    assert_eq!(captions.len(), 1);
    assert_eq!(captions[0].text_content().as_deref(), Some("Accounts"));
    let headers: Vec<String> = all(&root, "table thead th")
        .iter()
        .filter_map(|h| h.text_content())
        .collect();
    assert_eq!(
        headers,
        [
            "Account",
            "Category",
            "Tier",
            "Flags",
            "Projected sales",
            "Reason"
        ]
    );
    assert_eq!(all(&root, "table tbody tr").len(), 40);
    let at_risk = all(&root, "table tbody .badge")
        .iter()
        .filter(|b| b.text_content().as_deref() == Some(Category::AtRisk.label()))
        .count();
    assert!(at_risk > 0);
    assert!(all(&root, "[role='alert']").is_empty());

    let filter: HtmlInputElement = by_id("filter-accounts");
    let label = all(&root, "label[for='filter-accounts']");
    assert_eq!(label[0].text_content().as_deref(), Some("Filter accounts"));
    filter.set_value("bakery");
    filter
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    let rows = all(&root, "table tbody tr");
    assert!(!rows.is_empty() && rows.len() < 40, "{} rows", rows.len());
    for row in rows {
        let name = row
            .query_selector("th")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert!(name.to_lowercase().contains("bakery"), "{name}");
    }

    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
fn the_annotated_export_is_written_in_wasm_and_reads_back_the_same() {
    let analysis = review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap();
    // Without rust_xlsxwriter's `wasm` feature this panics: "time not implemented on this platform".
    let bytes =
        account_lens_workbook::export(&analysis.imported, &analysis.review, &analysis.settings)
            .unwrap_or_else(|e| panic!("{}", e.user_message()));
    assert!(bytes.starts_with(b"PK"));
    let again = review_workbook(&bytes, &annotated_name(SAMPLE_NAME)).unwrap();
    let categories = |a: &account_lens_web::state::Analysis| -> Vec<(String, Category)> {
        a.review
            .accounts
            .iter()
            .map(|r| (r.account.clone(), r.category))
            .collect()
    };
    assert_eq!(categories(&again), categories(&analysis));
}
