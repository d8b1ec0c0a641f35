//! The page in a browser: its helpers, the worker's messages and session, and the page's
//! components mounted and driven through the DOM
//! (`cargo test --target wasm32-unknown-unknown -p account-lens-web --test web`).
//! The worker itself runs only in the built page: `tests/e2e/worker.test.mjs`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{analyze_with, Category, Override, Overrides, Settings};
use account_lens_web::download::annotated_name;
use account_lens_web::load::{read_sample, read_workbook, SAMPLE_NAME};
use account_lens_web::protocol::{unwrap, wrap, Decisions, Reply, Request, Stage, Workbook};
use account_lens_web::state::Open;
use account_lens_web::storage::{self, KeyValue, LocalStore, SaveOutcome, Saved, STATE_KEY};
use account_lens_web::worker::Session;
use account_lens_web::App;
use account_lens_workbook::ImportOptions;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

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
    let error = read_workbook(
        b"\x00\x01\x02 not a workbook",
        "x.xlsx",
        false,
        &ImportOptions::default(),
    )
    .unwrap_err();
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
    fresh_storage();
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

/// Every test that mounts the page starts from an empty localStorage.
fn fresh_storage() {
    let mut store = LocalStore::open().unwrap();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
}

fn sample_saved() -> Saved {
    Saved::from_analysis(read_sample().unwrap().analysis(), Decisions::default())
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}

/// Waits (up to 5 s) until `selector` matches something.
async fn wait_for(root: &Element, selector: &str) -> Vec<Element> {
    for _ in 0..250 {
        let found = all(root, selector);
        if !found.is_empty() {
            return found;
        }
        settle().await;
    }
    panic!("nothing matches {selector:?}");
}

fn input_event(target: &Element, kind: &str) {
    let event = web_sys::Event::new_with_event_init_dict(kind, &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_review_screen_names_its_parts_and_sends_what_the_user_does() {
    use account_lens_web::app::Command;
    use account_lens_web::components::{ReviewScreen, ReviewScreenProps};
    use account_lens_web::state::{Action, Section};
    use account_lens_web::table_view::{Show, TableView};
    use std::cell::RefCell;
    use std::rc::Rc;
    use yew::Callback;

    let open = Open::new(sample_saved(), review_date());
    let actions = Rc::new(RefCell::new(Vec::<Action>::new()));
    let props = |view: TableView| ReviewScreenProps {
        open: open.clone(),
        section: Section::Review,
        view,
        selected: None,
        problem: None,
        busy: false,
        needs_file: false,
        not_saved: None,
        restore_notice: None,
        on_action: {
            let actions = actions.clone();
            Callback::from(move |a| actions.borrow_mut().push(a))
        },
        on_command: Callback::from(|_: Command| {}),
    };
    let (root, mut handle) = mount::<ReviewScreen>(props(TableView::default()));
    settle().await;

    assert_eq!(texts(&root, "table caption"), ["Accounts"]);
    assert_eq!(
        texts(&root, "table thead th"),
        [
            "Account",
            "Category",
            "Tier",
            "Flags",
            "Projected sales",
            "Growth",
            "Hours",
            "Time share",
            "Value share",
            "Reason"
        ]
    );
    assert_eq!(all(&root, "table tbody tr").len(), 40);
    assert_eq!(texts(&root, ".count"), ["40 of 40 accounts"]);
    assert!(texts(&root, "table tbody .badge")
        .iter()
        .any(|b| b == Category::AtRisk.label()));
    assert_eq!(
        texts(&root, "nav[aria-label='Sections'] button"),
        [
            "Review",
            "Week by week",
            "Time plan",
            "Time log",
            "Products",
            "Check the reading",
            "Settings"
        ]
    );
    assert_eq!(
        texts(&root, "figure figcaption"),
        ["Time share against value share"]
    );
    let _ = button(&root, "Export annotated workbook");
    let _ = button(&root, "Clear all data");
    assert!(all(&root, "[role='alert']").is_empty());

    // Typing in the filter, choosing in "Show", clicking a header and an account.
    let filter: HtmlInputElement = by_id("filter-accounts");
    filter.set_value("bakery");
    input_event(&filter, "input");
    let show: web_sys::HtmlSelectElement = by_id("show-accounts");
    show.set_value("at_risk");
    input_event(&show, "change");
    button(&root, "Projected sales").click();
    let first = all(&root, "table tbody th button")[0].clone();
    let first_name = first.text_content().unwrap();
    first.unchecked_ref::<HtmlElement>().click();
    settle().await;
    assert_eq!(
        *actions.borrow(),
        [
            Action::Filter("bakery".into()),
            Action::Show(Show::Category(Category::AtRisk)),
            Action::SortBy(account_lens_web::table_view::Column::ProjectedSales),
            Action::Select(Some(first_name)),
        ]
    );

    // The state's answer: only the bakeries, sorted largest first.
    let view = TableView {
        filter: "bakery".into(),
        ..TableView::default()
    }
    .sorted_by(account_lens_web::table_view::Column::ProjectedSales);
    handle.update(props(view));
    settle().await;
    let names = texts(&root, "table tbody th button");
    assert!(!names.is_empty() && names.len() < 40, "{names:?}");
    assert!(names.iter().all(|n| n.to_lowercase().contains("bakery")));
    let sorted = all(&root, "th[aria-sort]");
    assert_eq!(sorted.len(), 1);
    assert_eq!(
        sorted[0].get_attribute("aria-sort").as_deref(),
        Some("descending")
    );

    handle.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn the_page_restores_the_saved_review_and_saves_an_override_and_a_setting() {
    fresh_storage();
    let mut saved = sample_saved();
    saved.sample = false;
    let name = saved.dataset.accounts[0].name.clone();
    assert!(matches!(storage::save(&saved), SaveOutcome::Saved { .. }));

    let (root, handle) = mount::<App>(());
    let rows = wait_for(&root, "table tbody tr").await;
    assert_eq!(rows.len(), 40);
    assert_eq!(texts(&root, "h2"), [saved.file_name.clone()]);
    // The file itself is not kept: exporting will ask for it.
    assert!(
        by_id::<HtmlInputElement>("repick-file")
            .get_attribute("aria-label")
            .as_deref()
            == Some("Workbook to annotate")
    );

    // Open the first account and call it At risk, with a note.
    button(&root, &name).click();
    let region = wait_for(&root, "section[aria-label='Account detail']").await;
    assert_eq!(texts(&region[0], "h3"), std::slice::from_ref(&name));
    let segment = saved.dataset.accounts[0].segment.clone().unwrap();
    assert!(
        texts(&region[0], ".from-sheet li").contains(&format!("Segment: {segment}")),
        "{:?}",
        texts(&region[0], ".from-sheet li")
    );
    let select: web_sys::HtmlSelectElement = by_id("category-override");
    select.set_value("at_risk");
    input_event(&select, "change");
    let note: web_sys::HtmlTextAreaElement = by_id("account-note");
    note.set_value("Buyer leaves in March");
    input_event(&note, "input");
    settle().await;
    let first_row = all(&root, ".accounts table tbody tr")[0].clone();
    assert!(
        texts(&first_row, ".badge").contains(&"At risk (your call)".to_string()),
        "{:?}",
        texts(&first_row, ".badge")
    );

    // Closing the detail takes focus back to the account's name in the table.
    button(&root, "Close detail").click();
    settle().await;
    assert!(all(&root, "section[aria-label='Account detail']").is_empty());
    let focused = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|e| e.text_content());
    assert_eq!(focused.as_deref(), Some(name.as_str()));

    // A threshold, in percent.
    button(&root, "Settings").click();
    settle().await;
    let at_risk: HtmlInputElement = by_id("setting-at_risk_growth");
    assert_eq!(at_risk.value(), "-10");
    at_risk.set_value("-5");
    input_event(&at_risk, "input");

    // Saved once the changes pause.
    let mut kept = None;
    for _ in 0..100 {
        settle().await;
        let text = LocalStore::open().unwrap().get(STATE_KEY).unwrap();
        if let Some(document) = text.and_then(|t| storage::decode(&t).ok()) {
            if document.settings.at_risk_growth == -0.05 {
                kept = Some(document);
                break;
            }
        }
    }
    let kept = kept.expect("the change was not saved");
    let expected = Override {
        category: Some(Category::AtRisk),
        note: "Buyer leaves in March".into(),
    };
    assert_eq!(kept.overrides.get(&name), Some(&expected));
    let review = analyze_with(&kept.dataset, &kept.settings, &kept.overrides);
    assert_eq!(review.accounts[0].category, Category::AtRisk);

    handle.destroy();
    root.remove();
    fresh_storage();
}

#[wasm_bindgen_test]
async fn time_logged_on_the_page_gives_the_hours_and_the_plan_moves_them() {
    fresh_storage();
    let saved = sample_saved();
    let name = saved.dataset.accounts[0].name.clone();
    assert!(matches!(storage::save(&saved), SaveOutcome::Saved { .. }));
    let (root, handle) = mount::<App>(());
    wait_for(&root, "table tbody tr").await;

    // Last week's Thursday: inside the four weeks the review averages.
    let day = account_lens_web::clock::today()
        .monday_of_week()
        .add_days(-4);
    button(&root, "Time log").click();
    wait_for(&root, "form.log-form").await;
    let field = |id: &str, value: &str| {
        let input: HtmlInputElement = by_id(id);
        input.set_value(value);
    };
    field("log-account", &name.to_lowercase());
    field("log-date", &day.to_string());
    field("log-hours", "6");
    field("log-note", "quarterly review");
    button(&root, "Log time").click();
    settle().await;
    // The entry, under the workbook's spelling of the account, and its week's hours.
    let entries = wait_for(&root, "table.entries tbody tr").await;
    assert_eq!(entries.len(), 1);
    assert!(texts(&entries[0], "th").contains(&name));
    let weeks = texts(&root, "table.weeks tbody tr");
    assert_eq!(weeks.len(), 1, "{weeks:?}");
    // Four weeks before this one (the last with 6 h), this week, and the average: 6 / 4.
    assert_eq!(weeks[0], format!("{name}———6—1.5"));
    assert!(texts(&root, ".time-log .source")[0]
        .starts_with("Hours are the 4-week average of your time log"));

    // The plan: every account but the one with time logged has 0 h today.
    button(&root, "Time plan").click();
    let headline = wait_for(&root, ".plan .headline").await;
    assert!(headline[0]
        .text_content()
        .unwrap_or_default()
        .starts_with("Expected gross profit"));
    let capacity: HtmlInputElement = by_id("plan-capacity");
    assert_eq!(capacity.value(), "40");
    capacity.set_value("20");
    input_event(&capacity, "input");
    settle().await;
    let planned: f64 = all(&root, "table.plan-categories tbody tr td:nth-of-type(3)")
        .iter()
        .filter_map(|td| td.text_content())
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    assert_eq!(planned, 20.0);

    // Saved once the changes pause: the entry and the capacity.
    let mut kept = None;
    for _ in 0..100 {
        settle().await;
        let text = LocalStore::open().unwrap().get(STATE_KEY).unwrap();
        if let Some(document) = text.and_then(|t| storage::decode(&t).ok()) {
            if document.plan.capacity == 20.0 {
                kept = Some(document);
                break;
            }
        }
    }
    let kept = kept.expect("the change was not saved");
    assert_eq!(kept.logged.entries.len(), 1);
    assert_eq!(kept.logged.entries[0].account, name);
    assert_eq!(kept.logged.entries[0].hours, 6.0);
    assert_eq!(kept.logged.entries[0].note, "quarterly review");

    handle.destroy();
    root.remove();
    fresh_storage();
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
        options: ImportOptions {
            sheet: Some("Accounts".into()),
            overrides: vec![(account_lens_workbook::Field::Hours, "Time spent".into())],
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
            options: ImportOptions::default(),
        },
        Request::Analyse {
            id: 6,
            workbook: Workbook::Kept,
            options: ImportOptions::default(),
        },
        Request::Export {
            id: 2,
            reload: None,
            decisions: Box::default(),
        },
        Request::Export {
            id: 3,
            reload: Some((Workbook::Sample, ImportOptions::default())),
            decisions: Box::new(Decisions {
                settings: Settings {
                    grow_upside: 0.3,
                    ..Settings::default()
                },
                overrides: [(
                    "Northwind".to_string(),
                    Override {
                        category: Some(Category::AtRisk),
                        note: "credit hold".into(),
                    },
                )]
                .into(),
                ..Decisions::default()
            }),
        },
        Request::Forget,
    ] {
        let (back, bytes) = unwrap::<Request>(&through_the_wire(&request, None)).unwrap();
        assert_eq!(back, request);
        assert!(bytes.is_none());
    }

    // The whole analysis of the sample, as the page receives it.
    let analysis = read_sample().unwrap().analysis();
    assert!(!analysis.mapping.fields.is_empty());
    assert!(!analysis.reading.preview.is_empty());
    let reply = Reply::Analysed {
        id: 9,
        analysis: Box::new(analysis),
    };
    let (back, _) = unwrap::<Reply>(&through_the_wire(&reply, None)).unwrap();
    // JSON keeps the products' figures to within the last digit: their names and order come
    // through as they are, the rest exactly.
    let without_products = |reply: Reply| match reply {
        Reply::Analysed { id, mut analysis } => {
            let products = analysis.products.take().expect("the sample has products");
            let names: Vec<String> = products
                .review
                .products
                .iter()
                .map(|p| p.product.clone())
                .collect();
            let offers: Vec<(String, String)> = products
                .review
                .suggestions
                .iter()
                .map(|s| (s.account.clone(), s.product.clone()))
                .collect();
            (Reply::Analysed { id, analysis }, names, offers)
        }
        other => (other, Vec::new(), Vec::new()),
    };
    assert_eq!(without_products(back), without_products(reply));

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
    session.answer(request, bytes, review_date(), &mut |reply, bytes| {
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
            options: ImportOptions::default(),
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
    let Some((Reply::Analysed { id: 1, analysis }, Some(accounts))) = replies.last() else {
        panic!("{replies:?}");
    };
    // The accounts travel as bytes beside the analysis.
    assert!(analysis.dataset.accounts.is_empty());
    let accounts = account_lens_web::accounts_codec::decode(accounts).unwrap();
    assert_eq!(accounts.len(), 40);
    assert_eq!(accounts, read_sample().unwrap().imported.dataset.accounts);
    assert_eq!(analysis.file_name, SAMPLE_NAME);
    assert!(analysis.sample);

    // A file that is not a workbook is refused, and the sample stays kept for the export.
    let replies = answers(
        &mut session,
        Request::Analyse {
            id: 2,
            workbook: Workbook::File {
                name: "x.xlsx".into(),
            },
            options: ImportOptions::default(),
        },
        Some(b"\x00\x01\x02 not a workbook".to_vec()),
    );
    assert!(matches!(
        replies.last(),
        Some((Reply::Failed { id: 2, .. }, None))
    ));
    assert_eq!(session.kept().unwrap().file_name, SAMPLE_NAME);

    // The kept workbook read again another way: the sheet that is not there is refused, and
    // the workbook stays kept.
    let replies = answers(
        &mut session,
        Request::Analyse {
            id: 6,
            workbook: Workbook::Kept,
            options: ImportOptions {
                sheet: Some("No such sheet".into()),
                overrides: Vec::new(),
            },
        },
        None,
    );
    let Some((Reply::Failed { id: 6, message }, None)) = replies.last() else {
        panic!("{replies:?}");
    };
    assert!(message.contains("No such sheet"), "{message}");
    assert_eq!(session.kept().unwrap().file_name, SAMPLE_NAME);

    let replies = answers(
        &mut session,
        Request::Export {
            id: 3,
            reload: None,
            decisions: Box::default(),
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
            decisions: Box::default(),
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
            reload: Some((Workbook::Sample, ImportOptions::default())),
            decisions: Box::default(),
        },
        None,
    );
    assert!(matches!(
        replies.last(),
        Some((Reply::Exported { id: 5, .. }, Some(_)))
    ));
}

#[wasm_bindgen_test]
fn the_annotated_export_is_written_in_wasm_and_brings_the_overrides_back() {
    let kept = read_sample().unwrap();
    let name = kept.imported.dataset.accounts[0].name.clone();
    let overrides: Overrides = [(
        name.clone(),
        Override {
            category: Some(Category::AtRisk),
            note: "Buyer leaves in March".into(),
        },
    )]
    .into();
    let settings = Settings {
        grow_upside: 0.3,
        ..Settings::default()
    };
    // Without rust_xlsxwriter's `wasm` feature this panics: "time not implemented on this platform".
    let decisions = Decisions {
        settings: settings.clone(),
        overrides: overrides.clone(),
        ..Decisions::default()
    };
    let bytes = kept
        .export(&decisions, review_date())
        .unwrap_or_else(|e| panic!("{}", e.user_message()));
    assert!(bytes.starts_with(b"PK"));
    let again = read_workbook(
        &bytes,
        &annotated_name(SAMPLE_NAME),
        false,
        &ImportOptions::default(),
    )
    .unwrap()
    .analysis();
    assert_eq!(again.overrides, overrides);
    assert_eq!(again.settings, Some(settings.clone()));
    let categories = |review: &account_lens_engine::Review| -> Vec<(String, Category)> {
        review
            .accounts
            .iter()
            .map(|r| (r.account.clone(), r.category))
            .collect()
    };
    let before = analyze_with(&kept.imported.dataset, &settings, &overrides);
    let after = analyze_with(&again.dataset, &settings, &again.overrides);
    assert_eq!(categories(&after), categories(&before));
    assert_eq!(after.accounts[0].category, Category::AtRisk);
}

/// The date the tests review on: Tuesday 1 December 2026.
fn review_date() -> account_lens_engine::Date {
    account_lens_engine::Date::from_ymd(2026, 12, 1).unwrap()
}

#[wasm_bindgen_test]
fn a_time_log_sheet_in_the_workbook_gives_the_hours_as_on_the_command_line() {
    const WORKBOOK: &[u8] = include_bytes!("fixtures/accounts_with_time.xlsx");
    let mut session = Session::new();
    let replies = answers(
        &mut session,
        Request::Analyse {
            id: 1,
            workbook: Workbook::File {
                name: "accounts_with_time.xlsx".into(),
            },
            options: ImportOptions::default(),
        },
        Some(WORKBOOK.to_vec()),
    );
    let Some((Reply::Analysed { analysis, .. }, Some(accounts))) = replies.last() else {
        panic!("{replies:?}");
    };
    // The accounts arrive with the sheet's hours, and the sheet's log beside them: the page
    // applies it.
    let mut analysis = (**analysis).clone();
    analysis.dataset.accounts = account_lens_web::accounts_codec::decode(accounts).unwrap();
    let (sheet, log) = analysis.time_log.clone().unwrap();
    assert_eq!(sheet, "Time");
    assert!(!log.entries.is_empty());
    let open = Open::new(
        Saved::from_analysis(analysis, Decisions::default()),
        review_date(),
    );
    let hours = |name: &str| {
        open.review
            .accounts
            .iter()
            .find(|a| a.account == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .hours
    };
    // The four weeks 2 to 29 November, in minutes: 120 + 30 + 60, 150 + 120 + 90, 45 + 75.
    assert_eq!(hours("Summit Clinics"), Some(3.5 / 4.0));
    assert_eq!(hours("Corner Bistro"), Some(6.0 / 4.0));
    assert_eq!(hours("Harbor Foods"), Some(2.0 / 4.0));
    assert!(open.review.diagnostics.iter().any(|d| d
        .message
        .starts_with("Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29")));
    // The review says so beside the source.
    assert!(open
        .hours
        .describe()
        .starts_with("Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29"));
}
