#![allow(clippy::unwrap_used, clippy::expect_used)]

use account_lens_engine::{Account, Category, Settings};
use serde_json::{json, Value};

use super::schema::is_known_document;
use super::*;
use crate::protocol::Decisions;

const NOW: u64 = 1_767_225_600_000;

/// The sample workbook as the page keeps it, with one override.
fn sample() -> Saved {
    let analysis = crate::load::read_sample().unwrap().analysis();
    let mut saved = Saved::from_analysis(analysis, Decisions::default());
    // The sample's products are kept under a key of their own and tested on their own below
    // (JSON keeps their figures to within the last digit, so they are compared as shown).
    saved.products = None;
    saved.with_products = false;
    let first = saved.dataset.accounts[0].name.clone();
    saved.overrides.insert(
        first,
        Override {
            category: Some(Category::Grow),
            note: "Owner changes in May — call before.".into(),
        },
    );
    saved
}

/// The sample's accounts repeated to `n`, each name made unique.
fn accounts(n: usize) -> Saved {
    let mut saved = sample();
    let base = saved.dataset.accounts.clone();
    Rc::make_mut(&mut saved.dataset).accounts = (0..n)
        .map(|i| Account {
            name: format!("{} {}", base[i % base.len()].name, i / base.len()),
            row: Some(i as u32 + 2),
            ..base[i % base.len()].clone()
        })
        .collect();
    saved.source.rows_read = n;
    saved
}

fn stored(store: &MemoryStore) -> Option<&str> {
    store.items.get(STATE_KEY).map(String::as_str)
}

fn aside_keys(store: &MemoryStore) -> Vec<&String> {
    store
        .items
        .keys()
        .filter(|k| k.starts_with(UNREADABLE_PREFIX))
        .collect()
}

/// A version 1 document as that layout wrote it: settings under `thresholds`, no overrides.
fn v1_document() -> Value {
    json!({
        "version": 1,
        "file_name": "q3.xlsx",
        "source": {"format": "xlsx", "sheet": "Accounts", "shape": "accounts", "header_row": 4,
                   "rows_read": 2, "rows_skipped": 1, "text_details": null},
        "mapping": {"fields": [{"field": "account", "header": "Customer", "column": 0,
                                "confidence": 1.0, "why": "header \"Customer\""}]},
        "dataset": {"accounts": [{"name": "Northwind", "prior_sales": 300000.0,
                                  "current_sales": 240000.0, "potential": null, "margin": 0.3,
                                  "gross_profit": null, "hours": 4.0, "at_risk": false,
                                  "friend": true, "segment": null, "region": "North",
                                  "owner": null, "notes": null, "row": 5}],
                    "projection": null, "diagnostics": []},
        "thresholds": {"at_risk_growth": -0.2, "grow_upside": 0.25}
    })
}

// The schema ------------------------------------------------------------------------------------

#[test]
fn a_document_starts_with_its_version_and_reads_back() {
    let saved = sample();
    let text = encode(&saved).unwrap();
    assert!(text.starts_with(&format!("{{\"version\":{SCHEMA_VERSION},")));
    assert!(is_known_document(&text));
    assert_eq!(decode(&text).unwrap(), saved);
}

#[test]
fn version_1_moves_thresholds_to_settings_and_gains_empty_overrides() {
    let saved = migrate(v1_document()).unwrap();
    assert_eq!(saved.file_name, "q3.xlsx");
    assert_eq!(saved.source.header_row, 4);
    assert_eq!(saved.source.rows_skipped, 1);
    assert_eq!(saved.dataset.accounts[0].name, "Northwind");
    assert_eq!(saved.dataset.accounts[0].region.as_deref(), Some("North"));
    assert_eq!(saved.settings.at_risk_growth, -0.2);
    assert_eq!(saved.settings.grow_upside, 0.25);
    // Settings missing from the v1 document take the defaults.
    assert_eq!(saved.settings.tier_a, Settings::default().tier_a);
    assert!(saved.overrides.is_empty());
    assert_eq!(saved.mapping.fields[0].header, "Customer");
}

#[test]
fn version_1_without_thresholds_is_damaged() {
    let mut document = v1_document();
    document.as_object_mut().unwrap().remove("thresholds");
    assert!(matches!(
        migrate(document),
        Err(Unreadable::Damaged { version: 1, .. })
    ));
}

#[test]
fn a_frozen_version_2_document_still_reads() {
    // Written by an earlier build; if a field of Dataset, Source or Mapping is renamed or
    // becomes required, this fails, and the change needs a new version and a step.
    let text = r#"{"version":2,"file_name":"q3.xlsx","source":{"format":"csv","sheet":"q3","shape":"transactions","header_row":1,"rows_read":10,"rows_skipped":0,"text_details":"UTF-8, comma"},"mapping":{"fields":[]},"dataset":{"accounts":[{"name":"Summit","prior_sales":100000.0,"current_sales":130000.0,"potential":null,"margin":null,"gross_profit":null,"hours":null,"at_risk":true,"friend":false,"segment":"Retail","region":null,"owner":"Ana","notes":"x","row":2}],"projection":{"factor":1.34,"rule":"2026 is partial"},"diagnostics":[{"level":"warning","sheet":"q3","row":7,"column":"C","message":"not a number"}]},"settings":{"at_risk_growth":-0.1,"flagged_deterioration":0.25,"grow_upside":0.2,"grow_growth":0.15,"tier_a":0.8,"tier_b":0.95,"time_sink_ratio":2.0,"under_served_ratio":0.5},"overrides":{"Summit":{"category":"at_risk","note":"credit hold"}}}"#;
    let saved = decode(text).unwrap();
    assert_eq!(saved.dataset.accounts[0].owner.as_deref(), Some("Ana"));
    assert!(saved.dataset.accounts[0].at_risk);
    assert_eq!(saved.dataset.projection.as_ref().unwrap().factor, 1.34);
    assert_eq!(saved.dataset.diagnostics[0].column.as_deref(), Some("C"));
    assert_eq!(saved.overrides["Summit"].category, Some(Category::AtRisk));
    assert_eq!(saved.overrides["Summit"].note, "credit hold");
    // Version 3 added what "Check the reading" needs: a v2 save was of a picked file, read as
    // it came, with no preview kept.
    assert!(!saved.sample);
    assert_eq!(
        saved.options,
        account_lens_workbook::ImportOptions::default()
    );
    assert!(saved.reading.preview.is_empty());
    // Fields added since (with a default) are written too, and read back the same.
    assert_eq!(decode(&encode(&saved).unwrap()).unwrap(), saved);
}

#[test]
fn a_document_without_overrides_reads_with_none() {
    let mut document: Value = serde_json::from_str(&encode(&sample()).unwrap()).unwrap();
    document.as_object_mut().unwrap().remove("overrides");
    assert!(migrate(document).unwrap().overrides.is_empty());
}

#[test]
fn a_document_of_the_wrong_shape_is_damaged() {
    let mut document: Value = serde_json::from_str(&encode(&sample()).unwrap()).unwrap();
    document["dataset"]["accounts"] = json!("not a list");
    assert!(matches!(
        migrate(document),
        Err(Unreadable::Damaged {
            version: SCHEMA_VERSION,
            ..
        })
    ));
}

#[test]
fn a_newer_version_is_unreadable() {
    let mut document: Value = serde_json::from_str(&encode(&sample()).unwrap()).unwrap();
    for version in [u64::from(SCHEMA_VERSION) + 1, 1 << 40] {
        document["version"] = json!(version);
        assert_eq!(
            migrate(document.clone()),
            Err(Unreadable::Newer { version })
        );
    }
    assert!(Unreadable::Newer { version: 3 }
        .user_message()
        .contains("newer version"));
}

#[test]
fn no_version_or_not_an_object_is_unreadable() {
    for document in [
        json!({"file_name": "a.xlsx"}),
        json!({"version": 0}),
        json!({"version": -1}),
        json!({"version": "2"}),
        json!({"version": 1.5}),
        json!([1, 2]),
        json!(null),
    ] {
        assert_eq!(
            migrate(document.clone()),
            Err(Unreadable::NoVersion),
            "{document}"
        );
    }
    assert!(matches!(
        decode("{\"version\":2,"),
        Err(Unreadable::NotJson(_))
    ));
    assert!(matches!(decode("hello"), Err(Unreadable::NotJson(_))));
}

#[test]
fn a_setting_that_is_not_a_number_is_not_written() {
    let mut saved = sample();
    saved.settings.tier_a = f64::NAN;
    assert!(encode(&saved).unwrap_err().contains("Tier A"));
    let mut store = MemoryStore::default();
    save_in(&mut store, &sample());
    let before = store.clone();
    assert!(matches!(
        save_in(&mut store, &saved),
        SaveOutcome::NotSaved(NotSaved::Invalid(_))
    ));
    assert_eq!(store, before);
}

#[test]
fn known_documents_are_told_by_their_first_characters() {
    assert!(is_known_document("{\"version\":1,\"file_name\":\"a\"}"));
    assert!(is_known_document("{\"version\":2}"));
    assert!(is_known_document("{\"version\":3,"));
    assert!(is_known_document(&format!(
        "{{\"version\":{SCHEMA_VERSION},"
    )));
    assert!(!is_known_document(&format!(
        "{{\"version\":{},",
        SCHEMA_VERSION + 1
    )));
    assert!(!is_known_document("{\"version\":0,"));
    assert!(!is_known_document("{\"version\":22,"));
    assert!(!is_known_document("{\"version\":2"));
    assert!(!is_known_document("{\"version\":,"));
    assert!(!is_known_document("{ \"version\":2,"));
    assert!(!is_known_document("garbage"));
    assert!(!is_known_document(""));
}

// Load, save, clear ------------------------------------------------------------------------------

#[test]
fn a_save_comes_back_on_load() {
    let mut store = MemoryStore::default();
    let saved = sample();
    let SaveOutcome::Saved { chars } = save_in(&mut store, &saved) else {
        panic!("not saved")
    };
    assert_eq!(chars, stored(&store).unwrap().chars().count());
    let loaded = load_in(&mut store, NOW);
    assert_eq!(
        loaded,
        Loaded {
            saved: Some(saved),
            notice: None,
            kept_aside: 0
        }
    );
}

#[test]
fn an_empty_store_restores_nothing_and_says_nothing() {
    let loaded = load_in(&mut MemoryStore::default(), NOW);
    assert_eq!(loaded.saved, None);
    assert_eq!(loaded.notice, None);
}

#[test]
fn a_version_1_save_is_restored_and_the_next_save_writes_the_current_version() {
    let mut store = MemoryStore::default();
    store
        .items
        .insert(STATE_KEY.into(), v1_document().to_string());
    let loaded = load_in(&mut store, NOW);
    let saved = loaded.saved.unwrap();
    assert_eq!(loaded.notice, None);
    assert!(matches!(
        save_in(&mut store, &saved),
        SaveOutcome::Saved { .. }
    ));
    assert!(stored(&store)
        .unwrap()
        .starts_with(&format!("{{\"version\":{SCHEMA_VERSION},")));
    assert_eq!(load_in(&mut store, NOW).saved, Some(saved));
}

#[test]
fn an_unreadable_save_is_moved_aside_untouched_and_reported_once() {
    let mut store = MemoryStore::default();
    store
        .items
        .insert(STATE_KEY.into(), "{\"version\":2,".into());
    let loaded = load_in(&mut store, NOW);
    assert_eq!(loaded.saved, None);
    assert_eq!(loaded.kept_aside, 1);
    let Some(LoadNotice::KeptAside { key, reason }) = &loaded.notice else {
        panic!("{loaded:?}")
    };
    assert_eq!(key, &format!("account-lens/unreadable/{NOW}"));
    assert!(matches!(reason, Unreadable::NotJson(_)));
    assert_eq!(store.items[key], "{\"version\":2,");
    assert_eq!(stored(&store), None);
    let message = loaded.notice.as_ref().unwrap().user_message();
    assert!(message.contains("kept aside"), "{message}");

    // The next visit finds nothing to restore and nothing new to say; the copy stays.
    let again = load_in(&mut store, NOW + 1);
    assert_eq!(
        (again.saved, again.notice, again.kept_aside),
        (None, None, 1)
    );
    assert!(matches!(
        save_in(&mut store, &sample()),
        SaveOutcome::Saved { .. }
    ));
    assert_eq!(store.items[key], "{\"version\":2,");
}

#[test]
fn a_save_from_a_newer_version_is_kept_aside_and_never_overwritten() {
    let mut store = MemoryStore::default();
    let newer = format!(
        "{{\"version\":{},\"accounts\":\"columns\"}}",
        SCHEMA_VERSION + 1
    );
    let newer = newer.as_str();
    store.items.insert(STATE_KEY.into(), newer.into());
    let loaded = load_in(&mut store, NOW);
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::KeptAside {
            reason: Unreadable::Newer { version },
            ..
        }) if version == u64::from(SCHEMA_VERSION) + 1
    ));
    save_in(&mut store, &sample());
    assert_eq!(store.items[&format!("{UNREADABLE_PREFIX}{NOW}")], newer);
}

#[test]
fn two_unreadable_saves_in_the_same_millisecond_get_their_own_keys() {
    let mut store = MemoryStore::default();
    for text in ["first", "second", "third"] {
        store.items.insert(STATE_KEY.into(), text.into());
        load_in(&mut store, NOW);
    }
    let keys = aside_keys(&store);
    assert_eq!(keys.len(), 3);
    assert_eq!(store.items[&format!("{UNREADABLE_PREFIX}{NOW}")], "first");
    assert_eq!(
        store.items[&format!("{UNREADABLE_PREFIX}{NOW}-1")],
        "second"
    );
    assert_eq!(store.items[&format!("{UNREADABLE_PREFIX}{NOW}-2")], "third");
}

#[test]
fn a_full_store_keeps_the_last_good_save() {
    let mut store = MemoryStore::default();
    let small = accounts(10);
    save_in(&mut store, &small);
    let before = stored(&store).unwrap().to_string();
    store.quota = Some(store.used() + 100);

    let outcome = save_in(&mut store, &accounts(200));
    assert_eq!(outcome, SaveOutcome::NotSaved(NotSaved::Full));
    assert!(outcome.user_message().unwrap().starts_with("Not saved"));
    assert_eq!(stored(&store).unwrap(), before);
    assert_eq!(load_in(&mut store, NOW).saved, Some(small.clone()));

    // The same document again needs no room: it is already there.
    store.quota = Some(store.used());
    assert!(matches!(
        save_in(&mut store, &small),
        SaveOutcome::Saved { .. }
    ));
}

#[test]
fn a_document_larger_than_any_browser_keeps_is_not_tried() {
    let mut store = MemoryStore::default();
    let small = accounts(10);
    save_in(&mut store, &small);
    // 60,000 of the sample's accounts: more than 5 Mi characters.
    let outcome = save_in(&mut store, &accounts(60_000));
    assert_eq!(outcome, SaveOutcome::NotSaved(NotSaved::Full));
    assert_eq!(load_in(&mut store, NOW).saved, Some(small));
}

#[test]
fn blocked_storage_says_so_and_nothing_is_lost_in_memory() {
    let mut store = MemoryStore {
        blocked: true,
        ..MemoryStore::default()
    };
    let loaded = load_in(&mut store, NOW);
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::Unavailable(StoreError::Blocked(_)))
    ));
    assert!(loaded
        .notice
        .unwrap()
        .user_message()
        .contains("does not let"));
    let outcome = save_in(&mut store, &sample());
    assert!(matches!(
        outcome,
        SaveOutcome::NotSaved(NotSaved::Blocked(_))
    ));
    assert!(outcome
        .user_message()
        .unwrap()
        .contains("continues on this page"));
    assert!(matches!(clear_in(&mut store), Err(StoreError::Blocked(_))));
}

#[test]
fn blocked_after_a_save_keeps_that_save() {
    let mut store = MemoryStore::default();
    save_in(&mut store, &sample());
    let before = store.items.clone();
    store.blocked = true;
    assert!(matches!(
        save_in(&mut store, &accounts(3)),
        SaveOutcome::NotSaved(NotSaved::Blocked(_))
    ));
    store.blocked = false;
    assert_eq!(store.items, before);
}

#[test]
fn an_unreadable_save_with_no_room_to_move_stays_and_is_not_overwritten() {
    let mut store = MemoryStore::default();
    let garbage = "x".repeat(1000);
    store.items.insert(STATE_KEY.into(), garbage.clone());
    store.quota = Some(store.used() + 10);

    let loaded = load_in(&mut store, NOW);
    assert!(matches!(
        loaded.notice,
        Some(LoadNotice::KeptInPlace {
            reason: Unreadable::NotJson(_)
        })
    ));
    assert!(loaded.notice.unwrap().user_message().contains("not saved"));
    store.quota = None;
    assert_eq!(
        save_in(&mut store, &sample()),
        SaveOutcome::NotSaved(NotSaved::UnreadableInTheWay)
    );
    assert_eq!(stored(&store), Some(garbage.as_str()));

    // "Clear all data" lets saving work again.
    clear_in(&mut store).unwrap();
    assert!(matches!(
        save_in(&mut store, &sample()),
        SaveOutcome::Saved { .. }
    ));
}

#[test]
fn clear_removes_the_save_and_the_kept_copies_but_not_other_pages_keys() {
    let mut store = MemoryStore::default();
    store.items.insert(STATE_KEY.into(), "damaged".into());
    load_in(&mut store, NOW);
    save_in(&mut store, &sample());
    store.items.insert("other-app/theme".into(), "dark".into());
    assert_eq!(store.items.len(), 3);

    clear_in(&mut store).unwrap();
    assert_eq!(store.items.keys().collect::<Vec<_>>(), ["other-app/theme"]);
    assert_eq!(load_in(&mut store, NOW).saved, None);
}

#[test]
fn overrides_survive_with_their_category_names() {
    let saved = sample();
    let text = encode(&saved).unwrap();
    assert!(text.contains("\"category\":\"grow\""));
    let mut store = MemoryStore::default();
    save_in(&mut store, &saved);
    assert_eq!(
        load_in(&mut store, NOW).saved.unwrap().overrides,
        saved.overrides
    );
}

#[test]
fn two_thousand_accounts_fit_with_room_to_spare() {
    let saved = accounts(2000);
    let text = encode(&saved).unwrap();
    let per_account = text.len() / 2000;
    println!(
        "2,000 accounts: {} bytes of JSON ({:.0} KiB, {} chars), about {per_account} bytes per account; sample: {} bytes for {} accounts",
        text.len(),
        text.len() as f64 / 1024.0,
        text.chars().count(),
        encode(&sample()).unwrap().len(),
        sample().dataset.accounts.len(),
    );
    // Browsers allow about 5 M characters per origin; accounts must leave most of it for the
    // weekly history to come.
    assert!(text.len() < 256 * 1024, "{} bytes", text.len());
    assert_eq!(decode(&text).unwrap(), saved);
}

#[test]
fn thirty_thousand_accounts_fit_in_a_browsers_five_million_characters() {
    // The sample's accounts, notes and segments included: about 125 characters each.
    let text = encode(&accounts(30_000)).unwrap();
    println!("30,000 accounts: {} chars", text.len());
    assert!(text.len() < 5_000_000, "{} chars", text.len());
}

#[test]
fn a_version_3_document_with_accounts_as_json_is_migrated() {
    // Version 3 kept the accounts as a JSON array of objects.
    let text = r#"{"version":3,"file_name":"q3.xlsx","sample":false,"source":{"format":"xlsx","sheet":"Accounts","shape":"accounts","header_row":1,"rows_read":1,"rows_skipped":0,"text_details":null},"mapping":{"fields":[]},"options":{"sheet":null,"overrides":[]},"reading":{"sheets":[],"headers":[],"preview":[]},"dataset":{"accounts":[{"name":"Summit","prior_sales":100000.0,"current_sales":130000.0,"potential":null,"margin":0.3,"gross_profit":null,"hours":2.5,"at_risk":false,"friend":true,"segment":null,"region":"North","owner":null,"notes":null,"row":2}],"projection":null,"without_prior_year":false,"diagnostics":[]},"settings":{"at_risk_growth":-0.1,"flagged_deterioration":0.25,"grow_upside":0.2,"grow_growth":0.15,"tier_a":0.8,"tier_b":0.95,"time_sink_ratio":2.0,"under_served_ratio":0.5},"overrides":{}}"#;
    let saved = decode(text).unwrap();
    let summit = &saved.dataset.accounts[0];
    assert_eq!(summit.name, "Summit");
    assert_eq!(summit.current_sales, Some(130_000.0));
    assert_eq!(summit.hours, Some(2.5));
    assert!(summit.friend);
    assert_eq!(summit.region.as_deref(), Some("North"));
    let again = encode(&saved).unwrap();
    // base64 of the layout's magic "ALA".
    assert!(again.contains("\"accounts\":\"QUxB"), "{again}");
    assert_eq!(decode(&again).unwrap(), saved);
}

#[test]
fn a_version_4_document_gains_an_empty_time_log_and_the_default_plan() {
    let mut v4: Value = serde_json::from_str(&encode(&sample()).unwrap()).unwrap();
    let object = v4.as_object_mut().unwrap();
    for key in ["sheet_log", "logged", "plan", "sheet_estimates"] {
        object.remove(key);
    }
    object.insert("version".into(), json!(4));
    object.insert(
        "hours_source".into(),
        json!(
            "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 9 entries)"
        ),
    );
    let saved = decode(&v4.to_string()).unwrap();
    assert_eq!(saved.logged, account_lens_engine::TimeLog::default());
    assert_eq!(saved.sheet_log, None);
    assert_eq!(saved.plan, account_lens_engine::PlanSettings::default());
    assert_eq!(saved.dataset, sample().dataset);
    assert_eq!(saved.overrides, sample().overrides);
}

#[test]
fn the_time_log_and_the_plan_come_back_on_load() {
    use account_lens_engine::{Activity, Date, Estimates, TimeEntry};
    let mut saved = sample();
    saved.logged.entries.push(TimeEntry {
        date: Date::from_ymd(2026, 11, 30).unwrap(),
        account: "Summit Clinics".into(),
        hours: 1.5,
        activity: Activity::VendorTraining,
        note: "new range".into(),
    });
    saved.plan.capacity = 32.5;
    saved
        .plan
        .bounds
        .insert("Summit Clinics".into(), (Some(2.0), None));
    saved.plan.estimates.insert(
        "Summit Clinics".into(),
        Estimates {
            none: 0.5,
            half: 0.8,
            more: 1.1,
            saturation: 1.5,
        },
    );
    let mut store = MemoryStore::default();
    assert!(matches!(
        save_in(&mut store, &saved),
        SaveOutcome::Saved { .. }
    ));
    assert_eq!(load_in(&mut store, NOW).saved, Some(saved.clone()));

    // Hours JSON cannot keep are refused before anything is written.
    saved.plan.capacity = f64::NAN;
    assert_eq!(
        encode(&saved).err().as_deref(),
        Some("the weekly capacity is not a number")
    );
}

/// The order export of the repository's fixtures, as the page keeps it: with products.
fn orders() -> Saved {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/orders_export.xlsx"
    ))
    .unwrap();
    let kept = crate::load::read_workbook(
        &bytes,
        "orders_export.xlsx",
        false,
        &account_lens_workbook::ImportOptions::default(),
    )
    .unwrap();
    Saved::from_analysis(kept.analysis(), Decisions::default())
}

#[test]
fn the_products_analysis_is_kept_beside_the_review_and_comes_back_with_it() {
    let saved = orders();
    let products = saved
        .products
        .clone()
        .expect("the order export has products");
    assert_eq!(products.review.products[0].product, "Service Plan");
    let mut store = MemoryStore::default();
    assert!(matches!(
        save_in(&mut store, &saved),
        SaveOutcome::Saved { .. }
    ));
    assert!(store.items.contains_key(PRODUCTS_KEY));
    // The review's own document does not carry it twice.
    assert!(!stored(&store).unwrap().contains("\"suggestions\""));
    let mut loaded = load_in(&mut store, NOW).saved.unwrap();
    let back = loaded.products.take().expect("the products come back");
    // JSON keeps the figures to within the last digit: what the screens show is the same.
    assert_eq!(
        crate::products::tests::shown(&back),
        crate::products::tests::shown(&products)
    );
    assert_eq!(
        loaded,
        Saved {
            products: None,
            ..saved
        }
    );

    // A workbook without products removes the analysis of the one before.
    assert!(matches!(
        save_in(&mut store, &sample()),
        SaveOutcome::Saved { .. }
    ));
    assert!(!store.items.contains_key(PRODUCTS_KEY));
}

#[test]
fn products_kept_for_another_file_are_not_taken_for_this_one() {
    let saved = orders();
    let mut store = MemoryStore::default();
    save_in(&mut store, &saved);
    let text = store.items[PRODUCTS_KEY].replace("orders_export.xlsx", "other.xlsx");
    store.items.insert(PRODUCTS_KEY.into(), text);
    let loaded = load_in(&mut store, NOW).saved.unwrap();
    assert!(loaded.with_products);
    assert_eq!(loaded.products, None);
}

#[test]
fn products_that_do_not_fit_leave_the_review_saved_and_the_user_told() {
    let saved = orders();
    let review_only = encode(&saved).unwrap().chars().count() + STATE_KEY.len();
    let mut store = MemoryStore {
        quota: Some(review_only + 100),
        ..MemoryStore::default()
    };
    // An older analysis sits there: it must not come back with this review.
    store.items.insert(PRODUCTS_KEY.into(), "{}".into());
    let outcome = save_in(&mut store, &saved);
    assert!(matches!(outcome, SaveOutcome::SavedWithoutProducts { .. }));
    let message = outcome.user_message().unwrap();
    assert!(
        message.starts_with("Saved, except the products analysis"),
        "{message}"
    );
    assert!(message.contains("import the workbook again"), "{message}");
    assert!(!store.items.contains_key(PRODUCTS_KEY));
    let loaded = load_in(&mut store, NOW).saved.unwrap();
    assert_eq!(loaded.dataset, saved.dataset);
    assert_eq!(loaded.products, None);
}

#[test]
fn a_version_5_document_gains_no_weeks_and_no_next_actions() {
    let mut v5: Value = serde_json::from_str(&encode(&sample()).unwrap()).unwrap();
    let object = v5.as_object_mut().unwrap();
    for key in ["history", "actions", "with_products"] {
        object.remove(key);
    }
    object.insert("version".into(), json!(5));
    let saved = decode(&v5.to_string()).unwrap();
    assert!(saved.history.is_empty());
    assert!(saved.actions.is_empty());
    assert!(!saved.with_products);
    assert_eq!(saved.dataset, sample().dataset);
    assert_eq!(saved.overrides, sample().overrides);
}

#[test]
fn the_saved_weeks_and_next_actions_come_back_on_load_and_stay_small() {
    use account_lens_engine::{analyze, Date, NextAction, Snapshot};
    let mut saved = accounts(2_000);
    let review = analyze(&saved.dataset, &saved.settings);
    let weeks: Vec<Snapshot> = (1..=52).map(|w| Snapshot::of(&review, (2026, w))).collect();
    saved.history = Rc::new(weeks);
    saved.actions.push(NextAction {
        account: saved.dataset.accounts[0].name.clone(),
        text: "Save plan: call the buyer".into(),
        due: Date::from_ymd(2026, 12, 11),
        done: false,
    });
    let mut store = MemoryStore::default();
    let SaveOutcome::Saved { chars } = save_in(&mut store, &saved) else {
        panic!("not saved");
    };
    // A year of 2,000 accounts beside the accounts themselves.
    assert!(chars < 1_500_000, "{chars} characters");
    let loaded = load_in(&mut store, NOW).saved.unwrap();
    assert_eq!(loaded.history.len(), 52);
    assert_eq!(loaded.history[51].week_label(), "2026-W52");
    assert_eq!(loaded.history[0].accounts.len(), 2_000);
    assert_eq!(loaded.actions, saved.actions);
}

#[test]
fn the_weeks_are_encoded_once_and_again_only_when_they_change() {
    use account_lens_engine::{analyze, Snapshot};
    let mut saved = sample();
    let review = analyze(&saved.dataset, &saved.settings);
    saved.history = Rc::new(vec![Snapshot::of(&review, (2026, 48))]);
    let first = encode(&saved).unwrap();
    saved.overrides.clear();
    let second = encode(&saved).unwrap();
    let weeks = |text: &str| {
        decode(text)
            .unwrap()
            .history
            .iter()
            .map(|s| s.week)
            .collect::<Vec<_>>()
    };
    assert_eq!(weeks(&second), [48]);
    // A week added (the weeks are a new value then) is in the next text.
    Rc::make_mut(&mut saved.history).push(Snapshot::of(&review, (2026, 49)));
    let third = encode(&saved).unwrap();
    assert_eq!(weeks(&third), [48, 49]);
    assert_ne!(first, third);
}
