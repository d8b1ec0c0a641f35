#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::{Account, Level};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

fn entry(d: Date, account: &str, hours: f64, activity: &str) -> TimeEntry {
    TimeEntry {
        date: d,
        account: account.into(),
        hours,
        activity: Activity::parse(activity),
        note: String::new(),
    }
}

/// Monday 30 November 2026: the rep reviews weeks 45-48 (2 to 29 November).
const REVIEW_DAY: (i32, u32, u32) = (2026, 11, 30);

fn review_day() -> Date {
    date(REVIEW_DAY.0, REVIEW_DAY.1, REVIEW_DAY.2)
}

/// Four weeks of a rep's log, plus an entry before and one after the window.
fn november() -> TimeLog {
    TimeLog {
        entries: vec![
            entry(date(2026, 10, 30), "Summit Clinics", 6.0, "Visit"), // week 44: too old
            entry(date(2026, 11, 2), "Summit Clinics", 2.0, "visit"),
            entry(date(2026, 11, 3), "Corner Bistro", 3.0, "lunch"),
            entry(date(2026, 11, 10), "Corner Bistro", 3.5, "Meeting"),
            entry(date(2026, 11, 12), "summit clinics ", 1.5, "phone call"),
            entry(date(2026, 11, 17), "CORNER BISTRO", 3.0, "visit"),
            entry(date(2026, 11, 24), "Corner Bistro", 2.5, "visit"),
            entry(date(2026, 11, 25), "Acme", 12.0, "Demo"),
            entry(date(2026, 11, 29), "Summit Clinics", 0.5, "e-mail"), // Sunday: still counted
            entry(date(2026, 11, 30), "Summit Clinics", 8.0, "Demo"),   // this week: not yet
        ],
    }
}

fn dataset() -> Dataset {
    let account = |name: &str, hours: Option<f64>| Account {
        name: name.into(),
        current_sales: Some(100_000.0),
        hours,
        ..Account::default()
    };
    Dataset {
        accounts: vec![
            account("Summit Clinics", Some(2.0)),
            account("Corner Bistro", Some(8.0)),
            account("Harbor Foods", Some(6.0)),
            account("Metro Print", None),
        ],
        ..Dataset::default()
    }
}

// --- Dates -------------------------------------------------------------------------------

#[test]
fn iso_weeks_at_year_boundaries() {
    let cases = [
        ((2020, 12, 31), (2020, 53)),
        ((2021, 1, 3), (2020, 53)),
        ((2021, 1, 4), (2021, 1)),
        ((2026, 12, 28), (2026, 53)),
        ((2027, 1, 1), (2026, 53)),
        ((2026, 1, 1), (2026, 1)),
        ((2024, 12, 30), (2025, 1)),
        ((2026, 11, 30), (2026, 49)),
        ((2026, 11, 2), (2026, 45)),
    ];
    for ((y, m, d), week) in cases {
        assert_eq!(date(y, m, d).iso_week(), week, "{y}-{m}-{d}");
    }
}

#[test]
fn iso_weeks_agree_with_counting_mondays() {
    // An independent count: walk day by day, start a week on each Monday, and start week 1
    // when that week's Thursday falls in a new year.
    let mut day = date(1899, 12, 25); // a Monday, in 1899-W52
    let (mut year, mut week) = (1899, 51); // the first Monday below makes it W52
    while day < date(2101, 1, 1) {
        if day.weekday() == 1 {
            let thursday = day.add_days(3);
            if thursday.year != year {
                (year, week) = (thursday.year, 1);
            } else {
                week += 1;
            }
            assert_eq!(Date::from_iso_week(year, week), Some(day));
        }
        assert_eq!(day.iso_week(), (year, week), "{day}");
        assert_eq!(day.monday_of_week().iso_week(), (year, week));
        day = day.add_days(1);
    }
}

#[test]
fn weekdays_mondays_and_day_arithmetic() {
    assert_eq!(date(2026, 11, 30).weekday(), 1);
    assert_eq!(date(2026, 11, 29).weekday(), 7);
    assert_eq!(date(1970, 1, 1).weekday(), 4);
    assert_eq!(date(2027, 1, 1).monday_of_week(), date(2026, 12, 28));
    assert_eq!(date(2021, 1, 3).monday_of_week(), date(2020, 12, 28));
    assert_eq!(date(2028, 2, 28).add_days(1), date(2028, 2, 29));
    assert_eq!(date(2026, 2, 28).add_days(1), date(2026, 3, 1));
    assert_eq!(date(2026, 12, 31).add_days(1), date(2027, 1, 1));
    assert_eq!(date(2026, 1, 1).add_days(-1), date(2025, 12, 31));
    assert_eq!(date(2026, 1, 1).days_until(date(2027, 1, 1)), 365);
    assert_eq!(date(2028, 1, 1).days_until(date(2029, 1, 1)), 366);
    assert_eq!(date(1970, 1, 1).days_since_epoch(), 0);
    assert_eq!(Date::from_days_since_epoch(-1), date(1969, 12, 31));
}

#[test]
fn invalid_dates_are_refused() {
    assert_eq!(Date::from_ymd(2026, 2, 29), None);
    assert!(Date::from_ymd(2028, 2, 29).is_some());
    assert_eq!(Date::from_ymd(1900, 2, 29), None);
    assert!(Date::from_ymd(2000, 2, 29).is_some());
    assert_eq!(Date::from_ymd(2026, 13, 1), None);
    assert_eq!(Date::from_ymd(2026, 4, 31), None);
    assert_eq!(Date::from_ymd(2026, 1, 0), None);
    assert_eq!(Date::from_iso_week(2025, 53), None); // 2025 has 52 weeks
    assert_eq!(Date::from_iso_week(2026, 53), Some(date(2026, 12, 28)));
    assert_eq!(Date::from_iso_week(2026, 0), None);
}

#[test]
fn dates_read_and_write_iso_text_and_serde_checks_them() {
    assert_eq!(date(2026, 11, 2).to_string(), "2026-11-02");
    assert_eq!(Date::parse_iso("2026-11-02"), Some(date(2026, 11, 2)));
    assert_eq!(Date::parse_iso("2026-02-30"), None);
    assert_eq!(Date::parse_iso("2026-1-2"), None);
    let json = serde_json::to_string(&date(2026, 11, 2)).unwrap();
    assert_eq!(json, r#"{"year":2026,"month":11,"day":2}"#);
    assert_eq!(
        serde_json::from_str::<Date>(&json).unwrap(),
        date(2026, 11, 2)
    );
    assert!(serde_json::from_str::<Date>(r#"{"year":2026,"month":2,"day":30}"#).is_err());
    assert!(date(2026, 12, 31) < date(2027, 1, 1));
    assert!(date(2026, 2, 1) > date(2026, 1, 31));
}

// --- Activities --------------------------------------------------------------------------

#[test]
fn activities_are_read_tolerantly() {
    let cases = [
        ("Visit", Activity::Visit),
        ("visit", Activity::Visit),
        ("Customer visit", Activity::Visit),
        ("Meeting", Activity::Visit),
        ("on-site", Activity::Visit),
        ("Business lunch", Activity::Visit),
        ("Call", Activity::Call),
        ("phone call", Activity::Call),
        ("Phone", Activity::Call),
        ("Video call", Activity::Call),
        ("Online meeting", Activity::Call),
        ("Teams meeting", Activity::Call),
        ("E-mail", Activity::Call),
        ("vendor training", Activity::VendorTraining),
        ("Vendor Training", Activity::VendorTraining),
        ("vendor_training", Activity::VendorTraining),
        ("Training", Activity::VendorTraining),
        ("Product training (3M)", Activity::VendorTraining),
        ("Workshop", Activity::VendorTraining),
        ("Demo", Activity::Demo),
        ("Product demonstration", Activity::Demo),
        ("demo call", Activity::Demo),
        ("Admin", Activity::Admin),
        ("Quote", Activity::Admin),
        ("CRM upkeep", Activity::Admin),
        ("Other", Activity::Other),
        ("", Activity::Other),
        ("Golf", Activity::Other),
        ("Travel", Activity::Other),
    ];
    for (text, want) in cases {
        assert_eq!(Activity::parse(text), want, "{text:?}");
    }
}

#[test]
fn activity_labels_and_keys_round_trip() {
    for a in Activity::ALL {
        assert_eq!(Activity::parse(a.label()), a);
        assert_eq!(Activity::parse(a.key()), a);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, format!("\"{}\"", a.key()));
        assert_eq!(serde_json::from_str::<Activity>(&json).unwrap(), a);
    }
    assert_eq!(Activity::VendorTraining.label(), "Vendor training");
    assert_eq!(Activity::default(), Activity::Other);
}

#[test]
fn a_time_log_round_trips_through_json_and_old_entries_default() {
    let log = november();
    let json = serde_json::to_string(&log).unwrap();
    assert_eq!(serde_json::from_str::<TimeLog>(&json).unwrap(), log);
    let bare: TimeEntry = serde_json::from_str(
        r#"{"date":{"year":2026,"month":11,"day":2},"account":"Summit","hours":1.5}"#,
    )
    .unwrap();
    assert_eq!(bare.activity, Activity::Other);
    assert_eq!(bare.note, "");
}

// --- Weeks and averages ------------------------------------------------------------------

#[test]
fn hours_per_account_per_week() {
    let weeks: Vec<(String, i32, u32, f64)> = weekly(&november())
        .into_iter()
        .map(|w| (w.account, w.iso_year, w.week, w.hours))
        .collect();
    let want = [
        ("Acme", 2026, 48, 12.0),
        ("Corner Bistro", 2026, 45, 3.0),
        ("Corner Bistro", 2026, 46, 3.5),
        ("Corner Bistro", 2026, 47, 3.0),
        ("Corner Bistro", 2026, 48, 2.5),
        ("Summit Clinics", 2026, 44, 6.0),
        ("Summit Clinics", 2026, 45, 2.0),
        ("Summit Clinics", 2026, 46, 1.5),
        ("Summit Clinics", 2026, 48, 0.5),
        ("Summit Clinics", 2026, 49, 8.0),
    ];
    let want: Vec<(String, i32, u32, f64)> = want
        .iter()
        .map(|(a, y, w, h)| (a.to_string(), *y, *w, *h))
        .collect();
    assert_eq!(weeks, want);
}

#[test]
fn weeks_across_new_year_sum_into_the_iso_week() {
    let log = TimeLog {
        entries: vec![
            entry(date(2026, 12, 31), "Summit", 1.0, "call"),
            entry(date(2027, 1, 1), "Summit", 2.0, "call"),
            entry(date(2027, 1, 4), "Summit", 4.0, "call"),
        ],
    };
    let weeks = weekly(&log);
    assert_eq!(weeks.len(), 2);
    assert_eq!(
        (weeks[0].iso_year, weeks[0].week, weeks[0].hours),
        (2026, 53, 3.0)
    );
    assert_eq!(
        (weeks[1].iso_year, weeks[1].week, weeks[1].hours),
        (2027, 1, 4.0)
    );
}

#[test]
fn the_rolling_window_is_the_weeks_before_this_one() {
    assert_eq!(
        rolling_window(review_day(), 4),
        (date(2026, 11, 2), date(2026, 11, 29))
    );
    // Any day of the week gives the same window: the current week is never counted.
    assert_eq!(
        rolling_window(date(2026, 12, 6), 4),
        (date(2026, 11, 2), date(2026, 11, 29))
    );
    assert_eq!(
        rolling_window(date(2027, 1, 4), 1),
        (date(2026, 12, 28), date(2027, 1, 3))
    );
}

#[test]
fn the_rolling_average_counts_empty_weeks_as_zero() {
    let avg = rolling_average(&november(), review_day(), 4);
    // Summit: 2 + 1.5 + 0.5 in weeks 45-48 (the 6 h of week 44 and 8 h of week 49 left out).
    assert_eq!(avg.get("Summit Clinics"), Some(&1.0));
    // Corner Bistro, spelt three ways: 3 + 3.5 + 3 + 2.5 = 12 h over 4 weeks.
    assert_eq!(avg.get("Corner Bistro"), Some(&3.0));
    assert_eq!(avg.get("Acme"), Some(&3.0));
    assert_eq!(avg.len(), 3);

    let last_week = rolling_average(&november(), review_day(), 1);
    assert_eq!(last_week.get("Summit Clinics"), Some(&0.5));
    assert_eq!(last_week.get("Corner Bistro"), Some(&2.5));

    assert!(rolling_average(&november(), review_day(), 0).is_empty());
    assert!(rolling_average(&TimeLog::default(), review_day(), 4).is_empty());
}

// --- Applying the log --------------------------------------------------------------------

fn messages(d: &Dataset) -> Vec<(Level, &str)> {
    d.diagnostics
        .iter()
        .map(|d| (d.level, d.message.as_str()))
        .collect()
}

#[test]
fn logged_time_takes_precedence_over_the_hours_column() {
    let (out, source) = apply_time_log(&dataset(), &november(), review_day());
    let hours: Vec<(&str, Option<f64>)> = out
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.hours))
        .collect();
    assert_eq!(
        hours,
        [
            ("Summit Clinics", Some(1.0)),
            ("Corner Bistro", Some(3.0)),
            ("Harbor Foods", Some(0.0)),
            ("Metro Print", Some(0.0)),
        ]
    );
    assert_eq!(
        source,
        HoursSource::Log {
            weeks: 4,
            from: date(2026, 11, 2),
            to: date(2026, 11, 29),
            entries: 8,
        }
    );
    assert_eq!(
        messages(&out),
        [
            (
                Level::Info,
                "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 8 entries)"
            ),
            (
                Level::Warning,
                "2 accounts have no time logged from 2026-11-02 to 2026-11-29: 0 h each, not the sheet's hours (Harbor Foods has hours in the sheet: log their time to count it)"
            ),
            (
                Level::Warning,
                "12 h logged for “Acme” which is not in the account sheet"
            ),
        ]
    );
    // Everything else is the dataset as it was.
    assert_eq!(out.accounts[0].current_sales, Some(100_000.0));
}

#[test]
fn accounts_without_column_hours_are_counted_quietly() {
    let mut ds = dataset();
    ds.accounts.retain(|a| a.name != "Harbor Foods");
    let (out, _) = apply_time_log(&ds, &november(), review_day());
    assert!(messages(&out).contains(&(
        Level::Info,
        "1 account has no time logged from 2026-11-02 to 2026-11-29: 0 h each, not the sheet's hours"
    )));
}

#[test]
fn without_entries_in_the_window_the_column_stays() {
    let (out, source) = apply_time_log(&dataset(), &november(), date(2027, 3, 1));
    assert_eq!(source, HoursSource::Column);
    assert_eq!(out.accounts, dataset().accounts);
    assert_eq!(
        messages(&out),
        [(
            Level::Info,
            "The time log has no entries from 2027-02-01 to 2027-02-28 (the 4 weeks before this one): hours are the sheet's Hours/week column"
        )]
    );
    let (out, source) = apply_time_log(&dataset(), &TimeLog::default(), review_day());
    assert_eq!(source, HoursSource::Column);
    assert_eq!(out, dataset());
}

#[test]
fn the_source_is_stated_in_words() {
    assert_eq!(
        HoursSource::Column.describe(),
        "Hours are the sheet's Hours/week column"
    );
    let log = HoursSource::Log {
        weeks: 4,
        from: date(2026, 11, 2),
        to: date(2026, 11, 29),
        entries: 37,
    };
    assert_eq!(
        log.describe(),
        "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 37 entries)"
    );
    let one = HoursSource::Log {
        entries: 1,
        weeks: 1,
        from: date(2026, 11, 23),
        to: date(2026, 11, 29),
    };
    assert_eq!(
        one.describe(),
        "Hours are the 1-week average of your time log (2026-11-23 to 2026-11-29, 1 entry)"
    );
}

#[test]
fn hours_are_quoted_without_noise() {
    assert_eq!(hours_text(12.0), "12");
    assert_eq!(hours_text(1.5), "1.5");
    assert_eq!(hours_text(0.25), "0.25");
    assert_eq!(hours_text(2.0 / 3.0), "0.67");
}

#[test]
fn the_activity_history_is_newest_first() {
    let mut log = november();
    log.entries
        .push(entry(date(2026, 11, 30), "Summit Clinics", 1.0, "call"));
    let history: Vec<(String, f64, Activity)> = activity_history(&log, " SUMMIT clinics")
        .into_iter()
        .map(|e| (e.date.to_string(), e.hours, e.activity))
        .collect();
    assert_eq!(
        history,
        [
            ("2026-11-30".to_string(), 1.0, Activity::Call),
            ("2026-11-30".to_string(), 8.0, Activity::Demo),
            ("2026-11-29".to_string(), 0.5, Activity::Call),
            ("2026-11-12".to_string(), 1.5, Activity::Call),
            ("2026-11-02".to_string(), 2.0, Activity::Visit),
            ("2026-10-30".to_string(), 6.0, Activity::Visit),
        ]
    );
    assert!(activity_history(&log, "Nobody").is_empty());
}

#[test]
fn merging_a_log_with_itself_or_a_part_of_it_counts_nothing_twice() {
    let day = date(2026, 11, 2);
    let mine = TimeLog {
        entries: vec![
            entry(day, "Summit Clinics", 1.5, "call"),
            entry(day, "Summit Clinics", 1.5, "call"),
            entry(day, "Harbor Foods", 2.0, "visit"),
        ],
    };
    assert_eq!(mine.merged(&mine), mine);
    // The same entry spelled differently is the same entry; a third call is a new one.
    let theirs = TimeLog {
        entries: vec![
            entry(day, " summit clinics", 1.5, "Call"),
            entry(day, "Summit Clinics", 1.5, "call"),
            entry(day, "Summit Clinics", 1.5, "call"),
            entry(date(2026, 11, 3), "Harbor Foods", 2.0, "visit"),
        ],
    };
    let merged = mine.merged(&theirs);
    assert_eq!(merged.entries.len(), 5);
    assert_eq!(merged.entries[..3], mine.entries[..]);
    assert_eq!(merged.entries[3], theirs.entries[2]);
    assert_eq!(merged.entries[4], theirs.entries[3]);
    let total: f64 = merged.entries.iter().map(|e| e.hours).sum();
    assert_eq!(total, 1.5 * 3.0 + 2.0 * 2.0);
    assert_eq!(TimeLog::default().merged(&mine), mine);
}
