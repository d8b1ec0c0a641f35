#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{analyze, analyze_with, Account, Dataset, Override, Overrides, Settings};

fn account(name: &str, prior: Option<f64>, current: f64, hours: f64) -> Account {
    Account {
        name: name.into(),
        prior_sales: prior,
        current_sales: Some(current),
        hours: Some(hours),
        ..Account::default()
    }
}

/// Last week: Summit grows (upside), Northwind steady, Harbor falling, Corner Bistro eats
/// 10 h for little, Gone Co is still in the book.
fn last_week() -> Dataset {
    let mut summit = account("Summit", Some(100_000.0), 100_000.0, 2.0);
    summit.potential = Some(200_000.0);
    Dataset {
        accounts: vec![
            summit,
            account("Northwind", Some(300_000.0), 300_000.0, 4.0),
            account("Harbor", Some(100_000.0), 80_000.0, 2.0),
            account("Corner Bistro", Some(5_000.0), 5_000.0, 10.0),
            account("Gone Co", Some(10_000.0), 10_000.0, 1.0),
        ],
        ..Dataset::default()
    }
}

/// This week: Northwind falls to 240k, Harbor is back to 100k, Corner Bistro down to 6 h,
/// Gone Co left the book and New Co arrived.
fn this_week() -> Dataset {
    let mut summit = account("Summit", Some(100_000.0), 100_000.0, 2.0);
    summit.potential = Some(200_000.0);
    Dataset {
        accounts: vec![
            summit,
            account("Northwind", Some(300_000.0), 240_000.0, 4.0),
            account("Harbor", Some(100_000.0), 100_000.0, 2.0),
            account("Corner Bistro", Some(5_000.0), 5_000.0, 6.0),
            account("New Co", None, 20_000.0, 1.0),
        ],
        ..Dataset::default()
    }
}

fn snapshots() -> (Snapshot, Snapshot) {
    let s = Settings::default();
    (
        Snapshot::of(&analyze(&last_week(), &s), (2026, 48)),
        Snapshot::of(&analyze(&this_week(), &s), (2026, 49)),
    )
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_snapshot_keeps_each_account_and_the_totals_per_category() {
    let (older, _) = snapshots();
    assert_eq!((older.iso_year, older.week), (2026, 48));
    assert_eq!(older.week_label(), "2026-W48");
    let summit = older.account("  summit ").unwrap();
    assert_eq!(summit.category, Category::Grow);
    assert_eq!(summit.projected_sales, Some(100_000.0));
    assert_eq!(summit.hours, Some(2.0));
    assert_eq!(summit.override_category, None);
    let corner = older.account("Corner Bistro").unwrap();
    assert_eq!(corner.flags, vec![Flag::TimeSink]);
    assert_eq!(corner.tier, Tier::C);
    assert_eq!(older.account("Northwind").unwrap().tier, Tier::A);

    let t = &older.totals;
    assert_eq!(t.grow.accounts, 1);
    assert_eq!(t.grow.upside, 100_000.0);
    assert_eq!(t.at_risk.accounts, 1);
    assert_eq!(t.at_risk.projected_sales, 80_000.0);
    assert_eq!(t.at_risk.deterioration, 20_000.0);
    assert_eq!(t.maintain.accounts, 3);
    assert_eq!(t.maintain.hours, 15.0);
    assert_eq!(t.maintain.time_sink_hours, 10.0);
    assert_eq!(t.total.accounts, 5);
    assert_eq!(t.total.projected_sales, 495_000.0);
    assert_eq!(t.total.hours, 19.0);
    assert_eq!(t.total.time_sink_hours, 10.0);
}

#[test]
fn a_snapshot_survives_json_with_short_keys() {
    let (older, _) = snapshots();
    let text = serde_json::to_string(&older).unwrap();
    assert!(
        text.contains(
            r#"{"a":"Corner Bistro","s":5000.0,"c":"maintain","f":["time_sink"],"t":"C","h":10.0}"#
        ),
        "{text}"
    );
    let back: Snapshot = serde_json::from_str(&text).unwrap();
    assert_eq!(back, older);
}

#[test]
fn compare_says_what_moved_and_who_came_and_went() {
    let (older, newer) = snapshots();
    let c = compare(&older, &newer);
    assert_eq!((c.older, c.newer), ((2026, 48), (2026, 49)));
    assert_eq!(
        c.migrations,
        vec![
            Migration {
                account: "Northwind".into(),
                from: Category::Maintain,
                to: Category::AtRisk
            },
            Migration {
                account: "Harbor".into(),
                from: Category::AtRisk,
                to: Category::Maintain
            },
        ]
    );
    assert_eq!(
        c.cell(Category::Maintain, Category::AtRisk),
        names(&["Northwind"])
    );
    assert_eq!(
        c.cell(Category::AtRisk, Category::Maintain),
        names(&["Harbor"])
    );
    assert_eq!(c.cell(Category::Grow, Category::Grow), names(&["Summit"]));
    assert_eq!(
        c.cell(Category::Maintain, Category::Maintain),
        names(&["Corner Bistro"])
    );
    assert!(c.cell(Category::Grow, Category::AtRisk).is_empty());
    assert_eq!(c.matrix.len(), 9);

    assert_eq!(c.newly_at_risk, names(&["Northwind"]));
    assert_eq!(c.recovered, names(&["Harbor"]));
    assert_eq!(c.added, names(&["New Co"]));
    assert_eq!(c.removed, names(&["Gone Co"]));

    let by = |name: &str| c.changes.iter().find(|x| x.account == name).unwrap();
    let northwind = by("Northwind");
    assert_eq!(northwind.presence, Presence::Both);
    assert_eq!(northwind.projected_sales_change, Some(-60_000.0));
    assert_eq!(northwind.hours_change, Some(0.0));
    assert_eq!(by("Corner Bistro").hours_change, Some(-4.0));
    let new = by("New Co");
    assert_eq!(new.presence, Presence::Added);
    assert_eq!(new.presence.label(), "new this week");
    assert_eq!(new.category_then, None);
    assert_eq!(new.category_now, Some(Category::Grow));
    assert_eq!(new.projected_sales_change, Some(20_000.0));
    assert_eq!(new.hours_change, Some(1.0));
    let gone = by("Gone Co");
    assert_eq!(gone.presence, Presence::Removed);
    assert_eq!(gone.category_now, None);
    assert_eq!(gone.projected_sales_change, Some(-10_000.0));
    assert_eq!(gone.hours_change, Some(-1.0));
    // The newer week's order, then those gone.
    let order: Vec<&str> = c.changes.iter().map(|x| x.account.as_str()).collect();
    assert_eq!(
        order,
        [
            "Summit",
            "Northwind",
            "Harbor",
            "Corner Bistro",
            "New Co",
            "Gone Co"
        ]
    );
    let largest: Vec<&str> = c
        .largest_changes()
        .iter()
        .map(|x| x.account.as_str())
        .collect();
    assert_eq!(largest, ["Northwind", "Harbor", "New Co", "Gone Co"]);

    // Harbor's 20k fall is gone, Northwind's 60k arrived.
    assert_eq!(
        c.deterioration,
        Shift {
            then: 20_000.0,
            now: 60_000.0,
            change: 40_000.0
        }
    );
    assert_eq!(c.upside.change, 0.0);
    assert_eq!(
        c.time_sink_hours,
        Shift {
            then: 10.0,
            now: 6.0,
            change: -4.0
        }
    );
    assert_eq!(c.projected_sales.change, -30_000.0);
}

#[test]
fn an_override_changes_the_category_and_is_kept() {
    let s = Settings::default();
    let older = Snapshot::of(&analyze(&last_week(), &s), (2026, 48));
    let mut overrides = Overrides::new();
    overrides.insert(
        "summit".into(),
        Override {
            category: Some(Category::Maintain),
            note: "budget frozen".into(),
        },
    );
    let newer = Snapshot::of(&analyze_with(&this_week(), &s, &overrides), (2026, 49));
    let summit = newer.account("Summit").unwrap();
    assert_eq!(summit.category, Category::Maintain);
    assert_eq!(summit.override_category, Some(Category::Maintain));
    assert_eq!(newer.totals.grow.accounts, 1, "only New Co grows now");
    let c = compare(&older, &newer);
    assert!(c.migrations.contains(&Migration {
        account: "Summit".into(),
        from: Category::Grow,
        to: Category::Maintain
    }));
    assert_eq!(
        c.cell(Category::Grow, Category::Maintain),
        names(&["Summit"])
    );
    // Summit's upside now counts under Maintain, but still in the book's total.
    assert_eq!(newer.totals.maintain.upside, 100_000.0);
}

#[test]
fn an_unknown_figure_makes_the_change_unknown_not_zero() {
    let mut week = this_week();
    week.accounts[1].current_sales = None;
    let older = Snapshot::of(&analyze(&last_week(), &Settings::default()), (2026, 48));
    let newer = Snapshot::of(&analyze(&week, &Settings::default()), (2026, 49));
    let c = compare(&older, &newer);
    let northwind = c.changes.iter().find(|x| x.account == "Northwind").unwrap();
    assert_eq!(northwind.projected_sales_now, None);
    assert_eq!(northwind.projected_sales_change, None);
    assert_eq!(northwind.hours_change, Some(0.0));
}

#[test]
fn trends_give_sales_and_hours_per_category_per_week_in_order() {
    let (older, newer) = snapshots();
    let mut resaved = newer.clone();
    resaved.totals.grow.hours = 3.0;
    let weeks = trends(&[newer, older, resaved]);
    assert_eq!(weeks.len(), 2);
    assert_eq!((weeks[0].iso_year, weeks[0].week), (2026, 48));
    assert_eq!(weeks[0].at_risk.projected_sales, 80_000.0);
    assert_eq!(weeks[0].total.hours, 19.0);
    assert_eq!((weeks[1].iso_year, weeks[1].week), (2026, 49));
    assert_eq!(
        weeks[1].category(Category::AtRisk).projected_sales,
        240_000.0
    );
    assert_eq!(weeks[1].grow.hours, 3.0, "the week saved last counts");
    assert_eq!(weeks[1].total.projected_sales, 465_000.0);
}

fn action(account: &str, done: bool) -> NextAction {
    NextAction {
        account: account.into(),
        text: "call the buyer".into(),
        due: Date::from_ymd(2026, 12, 11),
        done,
    }
}

#[test]
fn the_checklist_is_answered_from_the_data() {
    let (older, _) = snapshots();
    let review = analyze(&this_week(), &Settings::default());
    // Northwind's only action is done: no save plan left.
    let actions = [action("SUMMIT", false), action("Northwind", true)];
    let list = checklist(&review, Some(&older), &actions);
    assert_eq!(list.iter().map(|i| i.check).collect::<Vec<_>>(), Check::ALL);
    let [served, sinks, grow, at_risk] = &list[..] else {
        panic!("four items")
    };
    assert_eq!(served.passed, Some(true), "{}", served.detail);
    assert!(
        served
            .detail
            .starts_with("Every top (tier A) account gets time in line"),
        "{}",
        served.detail
    );
    assert!(served.failing.is_empty());

    assert_eq!(sinks.passed, Some(true));
    assert_eq!(
        sinks.detail,
        "6 h on time sinks this week, down from 10 h in 2026-W48."
    );

    assert_eq!(grow.passed, Some(false));
    assert_eq!(grow.failing, names(&["New Co"]));
    assert_eq!(
        grow.detail,
        "Grow accounts without an open next action: 1 of 2."
    );

    assert_eq!(at_risk.passed, Some(false));
    assert_eq!(at_risk.failing, names(&["Northwind"]));
    assert_eq!(
        at_risk.detail,
        "At-risk accounts without a save plan: 1 of 1, with an estimated 60,000 of sales at stake."
    );

    let planned = checklist(
        &review,
        Some(&older),
        &[
            action("Summit", false),
            action("New Co", false),
            action("Northwind", false),
        ],
    );
    assert_eq!(planned[2].passed, Some(true));
    assert_eq!(planned[3].passed, Some(true));
    assert_eq!(
        planned[3].detail,
        "Every At-risk account has a save plan (1 account)."
    );
    assert_eq!(
        planned[2].detail,
        "Every Grow account has an open next action (2 accounts)."
    );
}

#[test]
fn time_sink_hours_up_fail_with_the_accounts_behind_them() {
    let (_, newer) = snapshots();
    // Against a week with fewer hours on Corner Bistro.
    let mut earlier = newer.clone();
    earlier.totals.total.time_sink_hours = 4.0;
    earlier
        .accounts
        .iter_mut()
        .find(|a| a.account == "Corner Bistro")
        .unwrap()
        .hours = Some(4.0);
    let review = analyze(&this_week(), &Settings::default());
    let list = checklist(&review, Some(&earlier), &[]);
    assert_eq!(list[1].passed, Some(false));
    assert_eq!(list[1].failing, names(&["Corner Bistro"]));
    assert_eq!(
        list[1].detail,
        "6 h on time sinks this week, up from 4 h in 2026-W49."
    );
    // No earlier week: the data cannot tell yet.
    let first = checklist(&review, None, &[]);
    assert_eq!(first[1].passed, None);
    assert_eq!(
        first[1].detail,
        "6 h on time sinks this week; no earlier week saved to compare with."
    );
}

#[test]
fn an_under_served_top_account_fails_the_first_check() {
    let review = analyze(&last_week(), &Settings::default());
    let list = checklist(&review, None, &[]);
    assert_eq!(list[0].passed, Some(false));
    assert_eq!(list[0].failing, names(&["Northwind"]));
    assert!(
        list[0]
            .detail
            .starts_with("Under-served top (tier A) accounts: 1 of "),
        "{}",
        list[0].detail
    );
}

/// The encoded size of a snapshot, to size the storage: printed with `--nocapture`.
#[test]
fn a_snapshot_of_two_thousand_accounts_is_measured() {
    let accounts = (0..2000)
        .map(|i| {
            let mut a = account(&format!("Customer {i:04}"), Some(50_000.0), 48_250.5, 2.25);
            a.potential = (i % 3 == 0).then_some(90_000.0);
            a
        })
        .collect();
    let dataset = Dataset {
        accounts,
        ..Dataset::default()
    };
    let snapshot = Snapshot::of(&analyze(&dataset, &Settings::default()), (2026, 49));
    let bytes = serde_json::to_string(&snapshot).unwrap().len();
    println!(
        "one week of 2,000 accounts: {bytes} bytes of JSON; 104 weeks: {:.1} MiB",
        (bytes * 104) as f64 / 1_048_576.0
    );
    // Per account: short keys keep it near the name's length plus ~50 bytes.
    assert!(bytes < 2000 * 90, "{bytes}");
}
