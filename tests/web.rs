//! The page in a browser: its helpers, the worker's messages and session, and the page's
//! components mounted and driven through the DOM
//! (`cargo test --target wasm32-unknown-unknown -p account-lens-web --test web`).
//! The worker itself runs only in the built page: `tests/e2e/worker.test.mjs`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::Category;
use account_lens_web::download::annotated_name;
use account_lens_web::filter::matching;
use account_lens_web::load::{review_workbook, SAMPLE_BYTES, SAMPLE_NAME};
use account_lens_web::protocol::{unwrap, wrap, Reply, Request, Stage, Workbook};
use account_lens_web::state::{Analysis, Shared};
use account_lens_web::worker::Session;
use account_lens_web::App;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_filter_matches_names_ignoring_case_and_spaces() {
    let analysis = review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap().analysis;
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

/// Mounts `html` in a fresh element of the document.
fn mount<C: yew::BaseComponent>(props: C::Properties) -> (Element, yew::AppHandle<C>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    (root, handle)
}

#[wasm_bindgen_test]
async fn the_start_screen_names_its_controls_and_says_when_the_worker_cannot_start() {
    // The test runner serves no worker script: the page must say so, not wait for ever.
    let (root, handle) = mount::<App>(());
    settle().await;

    let label = all(&root, "label[for='import-file']");
    assert_eq!(label.len(), 1);
    assert_eq!(label[0].text_content().as_deref(), Some("Import workbook"));
    let _: HtmlInputElement = by_id("import-file");
    assert!(all(&root, "table").is_empty());
    let status = all(&root, "[role='status'][aria-live='polite']");
    assert_eq!(status.len(), 1);

    button(&root, "Try the sample workbook").click();
    let mut alert = Vec::new();
    for _ in 0..100 {
        settle().await;
        alert = all(&root, "[role='alert']");
        if !alert.is_empty() {
            break;
        }
    }
    let message = alert[0].text_content().unwrap();
    assert!(message.contains("could not start"), "{message}");
    assert!(all(&root, "table").is_empty());
    assert_eq!(status[0].text_content().as_deref(), Some(""));

    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_review_shows_the_accounts_and_the_filter_narrows_them() {
    use account_lens_web::components::{ReviewScreen, ReviewScreenProps};
    use yew::{AttrValue, Callback};

    let analysis = Shared::new(review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap().analysis);
    let filter = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let props = |filter: &str, on_filter: Callback<String>| ReviewScreenProps {
        analysis: analysis.clone(),
        filter: AttrValue::from(filter.to_string()),
        problem: None,
        busy: false,
        on_file: Callback::noop(),
        on_filter,
        on_export: Callback::noop(),
        on_clear: Callback::noop(),
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |text: String| *filter.borrow_mut() = text)
    };
    let (root, mut handle) = mount::<ReviewScreen>(props("", on_filter.clone()));
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
    // Another workbook can be imported from the review.
    let label = all(&root, "label[for='import-file']");
    assert_eq!(label[0].text_content().as_deref(), Some("Import workbook"));
    let _ = button(&root, "Export annotated workbook");
    let _ = button(&root, "Clear all data");

    let input: HtmlInputElement = by_id("filter-accounts");
    let label = all(&root, "label[for='filter-accounts']");
    assert_eq!(label[0].text_content().as_deref(), Some("Filter accounts"));
    input.set_value("bakery");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(*filter.borrow(), "bakery");
    handle.update(props("bakery", on_filter));
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

#[wasm_bindgen]
extern "C" {
    /// What `postMessage` does to its data: the structured clone, with the transfer list.
    #[wasm_bindgen(js_name = structuredClone, catch)]
    fn structured_clone(value: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Sends `message` and `bytes` through a structured clone, as `postMessage` would.
fn through_the_wire<T: serde::Serialize>(
    message: &T,
    bytes: Option<&js_sys::Uint8Array>,
) -> JsValue {
    let envelope = wrap(message, bytes).unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"transfer".into(), &envelope.transfer).unwrap();
    structured_clone(&envelope.data, &options).unwrap()
}

#[wasm_bindgen_test]
fn requests_and_replies_survive_the_trip_and_the_bytes_are_moved_not_copied() {
    let file = js_sys::Uint8Array::from(&b"PK\x03\x04 some workbook"[..]);
    let request = Request::Analyse {
        id: 7,
        workbook: Workbook::File {
            name: "Q3 review.xlsx".into(),
        },
    };
    let data = through_the_wire(&request, Some(&file));
    let (back, bytes) = unwrap::<Request>(&data).unwrap();
    assert_eq!(back, request);
    assert_eq!(bytes.unwrap().to_vec(), b"PK\x03\x04 some workbook");
    // Transferred: the sender's buffer is detached.
    assert_eq!(file.buffer().byte_length(), 0);

    for request in [
        Request::Analyse {
            id: 1,
            workbook: Workbook::Sample,
        },
        Request::Export {
            id: 2,
            reload: None,
        },
        Request::Export {
            id: 3,
            reload: Some(Workbook::Sample),
        },
        Request::Forget,
    ] {
        let (back, bytes) = unwrap::<Request>(&through_the_wire(&request, None)).unwrap();
        assert_eq!(back, request);
        assert!(bytes.is_none());
    }

    // The whole analysis of the sample, as the page receives it.
    let analysis = review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap().analysis;
    assert!(!analysis.mapping.fields.is_empty());
    let reply = Reply::Analysed {
        id: 9,
        analysis: Box::new(analysis),
    };
    let (back, _) = unwrap::<Reply>(&through_the_wire(&reply, None)).unwrap();
    assert_eq!(back, reply);

    // A view on part of a larger buffer sends only its own bytes.
    let big = js_sys::Uint8Array::from(&b"xxPKyy"[..]);
    let part = big.subarray(2, 4);
    let reply = Reply::Exported {
        id: 4,
        file_name: "a-annotated.xlsx".into(),
    };
    let (back, bytes) = unwrap::<Reply>(&through_the_wire(&reply, Some(&part))).unwrap();
    assert_eq!(back, reply);
    assert_eq!(bytes.unwrap().to_vec(), b"PK");

    assert!(unwrap::<Reply>(&JsValue::from_str("not an envelope")).is_err());
}

/// Every reply `session` gives to `request`, with the bytes that came with each.
fn answers(
    session: &mut Session,
    request: Request,
    bytes: Option<Vec<u8>>,
) -> Vec<(Reply, Option<Vec<u8>>)> {
    let mut replies = Vec::new();
    session.answer(request, bytes, &mut |reply, bytes| {
        replies.push((reply.clone(), bytes.map(<[u8]>::to_vec)));
    });
    replies
}

#[wasm_bindgen_test]
fn the_worker_session_reports_progress_keeps_the_workbook_and_exports_it() {
    let mut session = Session::new();
    let replies = answers(
        &mut session,
        Request::Analyse {
            id: 1,
            workbook: Workbook::Sample,
        },
        None,
    );
    let stages: Vec<Stage> = replies
        .iter()
        .filter_map(|(r, _)| match r {
            Reply::Progress { id: 1, stage } => Some(*stage),
            _ => None,
        })
        .collect();
    assert_eq!(stages, [Stage::Reading, Stage::Analysing]);
    let Some((Reply::Analysed { id: 1, analysis }, None)) = replies.last() else {
        panic!("{replies:?}");
    };
    assert_eq!(analysis.review.accounts.len(), 40);
    assert_eq!(analysis.file_name, SAMPLE_NAME);

    // A file that is not a workbook is refused, and the sample stays kept for the export.
    let replies = answers(
        &mut session,
        Request::Analyse {
            id: 2,
            workbook: Workbook::File {
                name: "x.xlsx".into(),
            },
        },
        Some(b"\x00\x01\x02 not a workbook".to_vec()),
    );
    assert!(matches!(
        replies.last(),
        Some((Reply::Failed { id: 2, .. }, None))
    ));
    assert_eq!(session.kept().unwrap().analysis.file_name, SAMPLE_NAME);

    let replies = answers(
        &mut session,
        Request::Export {
            id: 3,
            reload: None,
        },
        None,
    );
    assert_eq!(
        replies.first().map(|(r, _)| r.clone()),
        Some(Reply::Progress {
            id: 3,
            stage: Stage::Writing
        })
    );
    let Some((Reply::Exported { id: 3, file_name }, Some(bytes))) = replies.last() else {
        panic!("{replies:?}");
    };
    assert_eq!(file_name, "sample_accounts-annotated.xlsx");
    assert!(bytes.starts_with(b"PK"));

    // After Forget there is nothing to export, unless the workbook is sent again.
    answers(&mut session, Request::Forget, None);
    let replies = answers(
        &mut session,
        Request::Export {
            id: 4,
            reload: None,
        },
        None,
    );
    assert!(matches!(
        replies.last(),
        Some((Reply::Failed { id: 4, .. }, None))
    ));
    let replies = answers(
        &mut session,
        Request::Export {
            id: 5,
            reload: Some(Workbook::Sample),
        },
        None,
    );
    assert!(matches!(
        replies.last(),
        Some((Reply::Exported { id: 5, .. }, Some(_)))
    ));
}

#[wasm_bindgen_test]
fn the_annotated_export_is_written_in_wasm_and_reads_back_the_same() {
    let loaded = review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap();
    // Without rust_xlsxwriter's `wasm` feature this panics: "time not implemented on this platform".
    let bytes = loaded
        .export()
        .unwrap_or_else(|e| panic!("{}", e.user_message()));
    assert!(bytes.starts_with(b"PK"));
    let analysis = loaded.analysis;
    let again = review_workbook(&bytes, &annotated_name(SAMPLE_NAME))
        .unwrap()
        .analysis;
    let categories = |a: &Analysis| -> Vec<(String, Category)> {
        a.review
            .accounts
            .iter()
            .map(|r| (r.account.clone(), r.category))
            .collect()
    };
    assert_eq!(categories(&again), categories(&analysis));
}
