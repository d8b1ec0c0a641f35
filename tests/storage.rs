//! The storage module over the browser's real localStorage
//! (`cargo test --target wasm32-unknown-unknown -p account-lens-web --test storage`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{Account, Category};
use account_lens_web::storage::{
    self, KeyValue, LoadNotice, LocalStore, NotSaved, Override, SaveOutcome, Saved, StoreError,
    STATE_KEY, UNREADABLE_PREFIX,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const FILLER: &str = "test-filler/";

/// A document of `n` accounts with one override.
fn saved(n: usize) -> Saved {
    let mut saved = Saved::example();
    std::rc::Rc::make_mut(&mut saved.dataset).accounts = (0..n)
        .map(|i| Account {
            name: format!("Account {i}"),
            prior_sales: Some(1000.0 * i as f64),
            current_sales: Some(1100.0 * i as f64),
            margin: Some(0.3),
            hours: Some(1.5),
            segment: Some("Retail".into()),
            ..Account::default()
        })
        .collect();
    saved.overrides.insert(
        "Account 0".into(),
        Override {
            category: Some(Category::Maintain),
            note: "Keep the Friday call".into(),
        },
    );
    saved
}

/// Every test starts from an empty localStorage (they share the page's origin).
fn fresh() -> LocalStore {
    let mut store = LocalStore::open().unwrap();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

#[wasm_bindgen_test]
fn a_save_comes_back_on_load() {
    let store = fresh();
    let document = saved(50);
    assert!(matches!(
        storage::save(&document),
        SaveOutcome::Saved { .. }
    ));
    assert!(store
        .get(STATE_KEY)
        .unwrap()
        .unwrap()
        .starts_with("{\"version\":"));
    let loaded = storage::load();
    assert_eq!(loaded.saved, Some(document));
    assert_eq!(loaded.notice, None);
    storage::clear().unwrap();
    assert_eq!(storage::load().saved, None);
}

#[wasm_bindgen_test]
fn a_full_local_storage_keeps_the_last_good_save() {
    let mut store = fresh();
    let small = saved(20);
    assert!(matches!(storage::save(&small), SaveOutcome::Saved { .. }));
    let before = store.get(STATE_KEY).unwrap();

    // Fill the origin's quota: the largest chunks first, halving on each refusal.
    let mut chunk = 1 << 20;
    let mut n = 0;
    let mut refused = false;
    while chunk >= 64 {
        match store.set(&format!("{FILLER}{n}"), &"x".repeat(chunk)) {
            Ok(()) => n += 1,
            Err(StoreError::Full) => {
                refused = true;
                chunk /= 2;
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert!(refused, "localStorage never filled up");

    let outcome = storage::save(&saved(200));
    assert_eq!(outcome, SaveOutcome::NotSaved(NotSaved::Full));
    assert!(outcome.user_message().unwrap().starts_with("Not saved"));
    assert_eq!(store.get(STATE_KEY).unwrap(), before);
    assert_eq!(storage::load().saved, Some(small));

    storage::clear().unwrap();
    for i in 0..n {
        store.remove(&format!("{FILLER}{i}")).unwrap();
    }
    assert!(store.keys().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn unreadable_saved_state_is_kept_aside_and_cleared_only_by_clear() {
    let mut store = fresh();
    let damaged = "{\"version\":2,\"file_name\": trunc";
    store.set(STATE_KEY, damaged).unwrap();

    let loaded = storage::load();
    assert_eq!(loaded.saved, None);
    assert_eq!(loaded.kept_aside, 1);
    let Some(LoadNotice::KeptAside { key, .. }) = &loaded.notice else {
        panic!("{loaded:?}")
    };
    assert!(key.starts_with(UNREADABLE_PREFIX), "{key}");
    assert!(loaded
        .notice
        .as_ref()
        .unwrap()
        .user_message()
        .contains("kept aside"));
    assert_eq!(store.get(key).unwrap().as_deref(), Some(damaged));
    assert_eq!(store.get(STATE_KEY).unwrap(), None);

    // A new save does not touch the kept copy; a newer version is kept aside too.
    assert!(matches!(
        storage::save(&saved(3)),
        SaveOutcome::Saved { .. }
    ));
    store.set(STATE_KEY, "{\"version\":99}").unwrap();
    let again = storage::load();
    assert_eq!(again.kept_aside, 2);
    assert_eq!(store.get(key).unwrap().as_deref(), Some(damaged));

    storage::clear().unwrap();
    assert!(store.keys().unwrap().is_empty());
}
