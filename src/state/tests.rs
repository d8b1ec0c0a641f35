//! The reducer, action by action, as the page drives it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::load::{read_sample, SAMPLE_NAME};
use account_lens_engine::Flag;

/// The day of the review in these tests: Friday 4 December 2026 (ISO week 49).
fn today() -> Date {
    Date::from_ymd(2026, 12, 4).unwrap()
}

fn sample() -> Rc<Analysis> {
    Rc::new(read_sample().unwrap().analysis())
}

fn after(state: State, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions
        .into_iter()
        .fold(Rc::new(state), |state, action| state.reduce(action))
}

/// What the page does with an arriving workbook: its review, in a task of its own.
fn land(state: Rc<State>) -> Rc<State> {
    match &state.arriving {
        Some(arriving) => {
            let open = Open::of(arriving.saved.clone(), today());
            state.reduce(Action::Opened(open))
        }
        None => state,
    }
}

fn read_sample_into(state: State) -> Rc<State> {
    land(after(
        state,
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Reviewed(sample()),
        ],
    ))
}

fn review(state: &State) -> &Review {
    &state.open.as_ref().unwrap().review
}

fn count(state: &State, category: Category) -> usize {
    review(state).summary.category(category).accounts
}

fn first_grow(state: &State) -> String {
    review(state)
        .accounts
        .iter()
        .find(|a| a.category == Category::Grow)
        .unwrap()
        .account
        .clone()
}

#[test]
fn a_read_leads_to_the_review_and_clear_back_to_the_start() {
    let state = read_sample_into(State::default());
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.saved.file_name, SAMPLE_NAME);
    assert!(open.saved.sample);
    assert_eq!(open.review.accounts.len(), 40);
    assert_eq!(open.saved.settings, Settings::default());
    assert!(!state.busy());
    let state = after((*state).clone(), [Action::Filter("north".into())]);
    assert_eq!(state.view.filter, "north");
    let state = after((*state).clone(), [Action::Clear]);
    assert_eq!(*state, State::default());
}

#[test]
fn a_failed_read_returns_to_the_start_with_the_message() {
    let state = after(
        State::default(),
        [
            Action::Reading("a.xlsx".into()),
            Action::Failed("damaged".into()),
        ],
    );
    assert!(state.open.is_none());
    assert_eq!(state.problem.as_deref(), Some("damaged"));
}

#[test]
fn a_failed_export_keeps_the_review_and_a_new_read_clears_the_problem() {
    let state = read_sample_into(State::default());
    let state = after((*state).clone(), [Action::Failed("export failed".into())]);
    assert!(state.open.is_some());
    assert!(state.problem.is_some());
    let retried = after((*state).clone(), [Action::Exported]);
    assert_eq!(retried.problem, None);
    assert_eq!(retried.open, state.open);
    let state = after((*state).clone(), [Action::Reading("b.xlsx".into())]);
    assert_eq!(state.problem, None);
}

#[test]
fn a_read_shows_analysing_until_its_review_is_opened_and_a_stale_one_is_dropped() {
    let first = read_sample_into(State::default());
    let arriving = after(
        (*first).clone(),
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Reviewed(sample()),
        ],
    );
    // The review before stays on screen while the new one is worked out.
    assert_eq!(arriving.open, first.open);
    assert_eq!(
        arriving.work.as_ref().map(Work::status).as_deref(),
        Some("Analysing sample_accounts.xlsx…")
    );
    // A review of some other arrival (one a Clear overtook) is not shown.
    let stale = Open::of(first.open.as_ref().unwrap().saved.clone(), today());
    let same = after((*arriving).clone(), [Action::Opened(stale)]);
    assert_eq!(same.open, first.open);
    assert!(same.arriving.is_some());
    let landed = land(arriving);
    assert!(landed.arriving.is_none());
    assert!(!landed.busy());
    assert_ne!(landed.open, first.open);
}

#[test]
fn a_read_that_lands_after_clear_is_dropped() {
    let state = after(
        State::default(),
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Clear,
            Action::Reviewed(sample()),
        ],
    );
    assert!(state.open.is_none());
}

#[test]
fn a_failed_read_leaves_the_previous_review_and_its_filter_on_screen() {
    let state = read_sample_into(State::default());
    let before = state.open.clone();
    let state = after(
        (*state).clone(),
        [
            Action::Filter("north".into()),
            Action::Reading("damaged.xls".into()),
        ],
    );
    assert_eq!(
        state.work.as_ref().map(Work::status).as_deref(),
        Some("Reading damaged.xls…")
    );
    let state = after((*state).clone(), [Action::Progress(Stage::Analysing)]);
    assert_eq!(state.work.as_ref().map(|w| w.stage), Some(Stage::Analysing));
    let state = after((*state).clone(), [Action::Failed("stopped".into())]);
    assert_eq!(state.open, before);
    assert_eq!(state.view.filter, "north");
    assert_eq!(state.work, None);
    assert_eq!(state.problem.as_deref(), Some("stopped"));
}

#[test]
fn an_export_shows_its_stage_until_it_lands() {
    let state = read_sample_into(State::default());
    let state = after((*state).clone(), [Action::Exporting]);
    assert_eq!(
        state.work.as_ref().map(Work::status).as_deref(),
        Some("Writing the annotated workbook…")
    );
    assert!(state.busy());
    let state = after((*state).clone(), [Action::Exported]);
    assert!(!state.busy());
    // Nothing to export on the start screen.
    assert!(!after(State::default(), [Action::Exporting]).busy());
}

#[test]
fn an_override_wins_over_the_rules_and_back_to_the_rules_removes_it() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let grow = count(&state, Category::Grow);
    let at_risk = count(&state, Category::AtRisk);
    let state = after(
        (*state).clone(),
        [Action::Override {
            account: name.clone(),
            category: Some(Category::AtRisk),
        }],
    );
    let account = review(&state)
        .accounts
        .iter()
        .find(|a| a.account == name)
        .unwrap();
    assert_eq!(account.category, Category::AtRisk);
    assert_eq!(account.rules_category, Some(Category::Grow));
    assert!(account.reason.to_string().starts_with("Your call"));
    assert_eq!(count(&state, Category::Grow), grow - 1);
    assert_eq!(count(&state, Category::AtRisk), at_risk + 1);
    let saved = &state.open.as_ref().unwrap().saved;
    assert_eq!(saved.overrides[&name].category, Some(Category::AtRisk));

    let state = after(
        (*state).clone(),
        [Action::Override {
            account: name.clone(),
            category: None,
        }],
    );
    assert_eq!(count(&state, Category::Grow), grow);
    assert!(state.open.as_ref().unwrap().saved.overrides.is_empty());
}

#[test]
fn a_note_is_kept_with_the_account_and_a_blank_one_removed() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [Action::Note {
            account: name.clone(),
            note: "Call Ana before the May order ".into(),
        }],
    );
    let account = review(&state)
        .accounts
        .iter()
        .find(|a| a.account == name)
        .unwrap();
    assert_eq!(
        account.note.as_deref(),
        Some("Call Ana before the May order")
    );
    assert_eq!(account.category, Category::Grow);
    assert_eq!(account.rules_category, None);
    let state = after(
        (*state).clone(),
        [Action::Note {
            account: name,
            note: "  ".into(),
        }],
    );
    assert!(state.open.as_ref().unwrap().saved.overrides.is_empty());
}

#[test]
fn a_setting_re_sorts_the_accounts_and_reset_brings_the_defaults_back() {
    let state = read_sample_into(State::default());
    let at_risk = count(&state, Category::AtRisk);
    // At risk from growth of −2 % instead of −10 %: more accounts fall in.
    let state = after(
        (*state).clone(),
        [Action::Setting {
            key: "at_risk_growth".into(),
            value: -0.02,
        }],
    );
    assert!(count(&state, Category::AtRisk) > at_risk);
    assert_eq!(
        state.open.as_ref().unwrap().saved.settings.at_risk_growth,
        -0.02
    );
    // An unknown key or a value that is not a number changes nothing.
    for (key, value) in [("nonsense", 1.0), ("at_risk_growth", f64::NAN)] {
        let same = after(
            (*state).clone(),
            [Action::Setting {
                key: key.into(),
                value,
            }],
        );
        assert_eq!(same.open, state.open);
    }
    let state = after((*state).clone(), [Action::ResetSettings]);
    assert_eq!(count(&state, Category::AtRisk), at_risk);
    assert_eq!(
        state.open.as_ref().unwrap().saved.settings,
        Settings::default()
    );
}

#[test]
fn next_weeks_file_keeps_the_settings_and_notes_of_this_one() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [
            Action::Setting {
                key: "grow_upside".into(),
                value: 0.3,
            },
            Action::Note {
                account: name.clone(),
                note: "renewal in March".into(),
            },
        ],
    );
    let state = read_sample_into((*state).clone());
    let saved = &state.open.as_ref().unwrap().saved;
    assert_eq!(saved.settings.grow_upside, 0.3);
    assert_eq!(saved.overrides[&name].note, "renewal in March");

    // A workbook exported with its own settings brings those.
    let mut exported = (*sample()).clone();
    exported.settings = Some(Settings {
        grow_upside: 0.5,
        ..Settings::default()
    });
    let state = land(after(
        (*state).clone(),
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Reviewed(Rc::new(exported)),
        ],
    ));
    let saved = &state.open.as_ref().unwrap().saved;
    assert_eq!(saved.settings.grow_upside, 0.5);
    assert_eq!(saved.overrides[&name].note, "renewal in March");
}

#[test]
fn a_restored_save_is_reviewed_as_it_was_left() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [Action::Override {
            account: name.clone(),
            category: Some(Category::Maintain),
        }],
    );
    let saved = (*state.open.as_ref().unwrap().saved).clone();
    let restored = State::restored(Some(saved), None, today());
    assert_eq!(
        restored.open.as_ref().unwrap().review.accounts,
        review(&state).accounts
    );
    assert_eq!(restored.section, Section::Review);
    let notice = State::restored(None, Some("kept aside".into()), today());
    assert!(notice.open.is_none());
    assert_eq!(notice.restore_notice.as_deref(), Some("kept aside"));
}

#[test]
fn the_table_view_changes_go_back_to_the_first_page() {
    let state = read_sample_into(State::default());
    let state = after(
        (*state).clone(),
        [Action::Page(3), Action::Show(Show::Flag(Flag::TimeSink))],
    );
    assert_eq!(state.view.page, 0);
    assert_eq!(state.view.show, Show::Flag(Flag::TimeSink));
    let state = after(
        (*state).clone(),
        [Action::Page(2), Action::SortBy(Column::Hours)],
    );
    assert_eq!(state.view.page, 0);
    assert_eq!(state.view.sort.map(|s| s.descending), Some(true));
    let state = after(
        (*state).clone(),
        [
            Action::Select(Some("Northwind".into())),
            Action::Section(Section::Settings),
        ],
    );
    assert_eq!(state.selected.as_deref(), Some("Northwind"));
    assert_eq!(state.section, Section::Settings);
}

#[test]
fn a_save_result_is_shown_until_a_save_succeeds() {
    let state = read_sample_into(State::default());
    let state = after(
        (*state).clone(),
        [Action::SaveResult(Some("Not saved: full".into()))],
    );
    assert_eq!(state.not_saved.as_deref(), Some("Not saved: full"));
    // A new read does not hide that the work is still not saved.
    let state = read_sample_into((*state).clone());
    assert_eq!(state.not_saved.as_deref(), Some("Not saved: full"));
    let state = after((*state).clone(), [Action::SaveResult(None)]);
    assert_eq!(state.not_saved, None);
}

fn log_entry(account: &str, date: Date, hours: f64) -> Action {
    Action::Time(TimeChange::Log(account_lens_engine::TimeEntry {
        date,
        account: account.into(),
        hours,
        activity: account_lens_engine::Activity::Visit,
        note: String::new(),
    }))
}

fn hours_of(state: &State, name: &str) -> Option<f64> {
    review(state)
        .accounts
        .iter()
        .find(|a| a.account == name)
        .unwrap()
        .hours
}

#[test]
fn time_logged_in_the_weeks_before_this_one_gives_the_hours() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let column = hours_of(&state, &name);
    // This week's time counts from next week on.
    let this_week = after((*state).clone(), [log_entry(&name, today(), 3.0)]);
    assert_eq!(hours_of(&this_week, &name), column);
    assert_eq!(
        this_week.told.as_deref(),
        Some(format!("Logged 3 h for {name} on 2026-12-04.").as_str())
    );
    assert!(matches!(
        this_week.open.as_ref().unwrap().hours,
        HoursSource::Column
    ));
    // Two visits in the four weeks before: 8 h over 4 weeks, 2 h a week; every other
    // account has no time logged, so 0 h.
    let state = after(
        (*this_week).clone(),
        [
            log_entry(&name, Date::from_ymd(2026, 11, 3).unwrap(), 5.0),
            log_entry(&name, Date::from_ymd(2026, 11, 26).unwrap(), 3.0),
        ],
    );
    assert_eq!(hours_of(&state, &name), Some(2.0));
    let open = state.open.as_ref().unwrap();
    assert!(open.hours.describe().starts_with(
        "Hours are the 4-week average of your time log (2026-11-02 to 2026-11-29, 2 entries"
    ));
    assert_eq!(review(&state).summary.total.hours, 2.0);
    assert_eq!(open.log.entries.len(), 3);
    // Removing the entries brings the sheet's hours back.
    let state = after(
        (*state).clone(),
        [
            Action::Time(TimeChange::Remove(2)),
            Action::Time(TimeChange::Remove(1)),
        ],
    );
    assert_eq!(hours_of(&state, &name), column);
}

#[test]
fn a_time_log_file_adds_its_entries_and_says_what_it_noticed() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let log = account_lens_engine::TimeLog {
        entries: vec![account_lens_engine::TimeEntry {
            date: Date::from_ymd(2026, 11, 10).unwrap(),
            account: name.clone(),
            hours: 4.0,
            activity: account_lens_engine::Activity::Call,
            note: String::new(),
        }],
    };
    let state = after(
        (*state).clone(),
        [
            Action::Reading("time.csv".into()),
            Action::TimeLogRead {
                file_name: "time.csv".into(),
                log,
                notes: vec!["Time, row 7: no hours, left out".into()],
            },
        ],
    );
    assert!(!state.busy());
    assert_eq!(
        state.told.as_deref(),
        Some("Added 1 entry from “time.csv”. Noted while reading it: Time, row 7: no hours, left out.")
    );
    assert_eq!(hours_of(&state, &name), Some(1.0));
}

#[test]
fn plan_changes_are_kept_and_the_sheets_estimates_stay_under_the_reps_own() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after((*state).clone(), [Action::Plan(PlanChange::Capacity(32.0))]);
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.saved.plan.capacity, 32.0);
    assert_eq!(open.plan_settings.capacity, 32.0);
    // A capacity no week has changes nothing.
    let same = after(
        (*state).clone(),
        [Action::Plan(PlanChange::Capacity(200.0))],
    );
    assert_eq!(same.open, state.open);

    let sheet = account_lens_engine::Estimates {
        none: 0.5,
        half: 0.8,
        more: 1.1,
        saturation: 1.4,
    };
    let mut with_columns = (*sample()).clone();
    with_columns.sheet_estimates.insert(name.clone(), sheet);
    let state = land(after(
        (*state).clone(),
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Reviewed(Rc::new(with_columns)),
        ],
    ));
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.plan_settings.estimates[&name], sheet);
    // The plan's settings carried over to the new read.
    assert_eq!(open.plan_settings.capacity, 32.0);
    let state = after(
        (*state).clone(),
        [Action::Plan(PlanChange::Estimate {
            account: name.clone(),
            from: sheet,
            which: account_lens_engine::Estimate::Saturation,
            value: 2.0,
        })],
    );
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.plan_settings.estimates[&name].saturation, 2.0);
    assert_eq!(open.plan_settings.estimates[&name].none, 0.5);
    let state = after(
        (*state).clone(),
        [Action::Plan(PlanChange::ResetEstimates {
            account: name.clone(),
        })],
    );
    assert_eq!(
        state.open.as_ref().unwrap().plan_settings.estimates[&name],
        sheet
    );
}

#[test]
fn an_exported_workbook_brings_its_own_time_log_and_plan() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [
            log_entry(&name, Date::from_ymd(2026, 11, 3).unwrap(), 2.0),
            Action::Plan(PlanChange::Capacity(30.0)),
        ],
    );
    // Next week's file (no state of its own) keeps the log and the plan.
    let state = read_sample_into((*state).clone());
    let saved = &state.open.as_ref().unwrap().saved;
    assert_eq!(saved.logged.entries.len(), 1);
    assert_eq!(saved.plan.capacity, 30.0);

    let mut exported = (*sample()).clone();
    exported.plan_settings = Some(account_lens_engine::PlanSettings {
        capacity: 24.0,
        ..Default::default()
    });
    exported.logged.entries = vec![
        account_lens_engine::TimeEntry {
            date: Date::from_ymd(2026, 11, 5).unwrap(),
            account: name.clone(),
            hours: 1.0,
            activity: account_lens_engine::Activity::Demo,
            note: "from the export".into(),
        };
        2
    ];
    let state = land(after(
        (*state).clone(),
        [
            Action::Reading(SAMPLE_NAME.into()),
            Action::Reviewed(Rc::new(exported)),
        ],
    ));
    let saved = &state.open.as_ref().unwrap().saved;
    assert_eq!(saved.plan.capacity, 24.0);
    assert_eq!(saved.logged.entries.len(), 2);
    assert_eq!(saved.logged.entries[0].note, "from the export");
}

#[test]
fn an_offer_in_the_products_opens_its_account_in_the_review() {
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [
            Action::Section(Section::Products),
            Action::OpenAccount(name.clone()),
        ],
    );
    assert_eq!(state.section, Section::Review);
    assert_eq!(state.selected.as_deref(), Some(name.as_str()));
}

#[test]
fn saving_the_week_keeps_one_snapshot_per_week_and_says_so() {
    let state = read_sample_into(State::default());
    let accounts = review(&state).accounts.len();
    let state = after((*state).clone(), [Action::SaveWeek, Action::SaveWeek]);
    let open = state.open.as_ref().unwrap();
    assert_eq!(open.saved.history.len(), 1);
    let week = &open.saved.history[0];
    assert_eq!((week.iso_year, week.week), today().iso_week());
    assert_eq!(week.accounts.len(), accounts);
    assert_eq!(
        state.told.as_deref(),
        Some(
            format!(
                "Saved this week's review ({}): {accounts} accounts.",
                week.week_label()
            )
            .as_str()
        )
    );
}

#[test]
fn next_actions_are_added_ticked_off_and_removed_and_an_empty_one_is_not_added() {
    use crate::state::ActionChange;
    let state = read_sample_into(State::default());
    let name = first_grow(&state);
    let add = |text: &str| {
        Action::NextAction(ActionChange::Add {
            account: name.clone(),
            text: text.into(),
            due: Date::from_ymd(2026, 12, 11),
        })
    };
    let state = after((*state).clone(), [add("  "), add(" Call the buyer ")]);
    let actions = &state.open.as_ref().unwrap().saved.actions;
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].text, "Call the buyer");
    assert_eq!(
        state.told.as_deref(),
        Some(format!("Next action for {name}, due 2026-12-11: Call the buyer.").as_str())
    );
    let state = after(
        (*state).clone(),
        [Action::NextAction(ActionChange::Done {
            index: 0,
            done: true,
        })],
    );
    assert!(state.open.as_ref().unwrap().saved.actions[0].done);
    let state = after(
        (*state).clone(),
        [
            Action::NextAction(ActionChange::Remove { index: 5 }),
            Action::NextAction(ActionChange::Remove { index: 0 }),
        ],
    );
    assert!(state.open.as_ref().unwrap().saved.actions.is_empty());
}

#[test]
fn making_room_drops_only_the_oldest_weeks_the_rep_chose_to_drop() {
    use account_lens_engine::Snapshot;
    let state = read_sample_into(State::default());
    let mut state = (*state).clone();
    if let Some(open) = &mut state.open {
        let mut saved = (*open.saved).clone();
        saved.history = Rc::new(
            (1..=5)
                .map(|w| Snapshot::of(&open.review, (2026, w)))
                .collect(),
        );
        *open = Open::new(saved, open.today);
    }
    let state = after(state, [Action::TrimHistory { keep: 3 }]);
    let weeks: Vec<u32> = state
        .open
        .as_ref()
        .unwrap()
        .saved
        .history
        .iter()
        .map(|s| s.week)
        .collect();
    assert_eq!(weeks, [3, 4, 5]);
    assert_eq!(
        state.told.as_deref(),
        Some("The 2 oldest weeks are removed from this browser; the newest 3 are kept.")
    );
}

#[test]
fn next_weeks_workbook_keeps_the_weeks_and_actions_and_an_exported_one_brings_its_own() {
    use account_lens_engine::{NextAction, Snapshot};
    let state = read_sample_into(State::default());
    let state = after((*state).clone(), [Action::SaveWeek]);
    let kept = state.open.as_ref().unwrap().saved.decisions();
    let plain = sample();
    let carried = carried_over(&plain, Some(kept.clone()));
    assert_eq!(carried.history, kept.history);

    // A workbook exported elsewhere carries an older week and its actions: both weeks are kept.
    let mut exported = (*sample()).clone();
    let review = review(&state).clone();
    exported.history = vec![Snapshot::of(&review, (2026, 1))];
    exported.next_actions = vec![NextAction {
        account: "Someone".into(),
        text: "Visit".into(),
        due: None,
        done: false,
    }];
    let carried = carried_over(&exported, Some(kept.clone()));
    let weeks: Vec<(i32, u32)> = carried
        .history
        .iter()
        .map(|s| (s.iso_year, s.week))
        .collect();
    assert_eq!(weeks, [(2026, 1), today().iso_week()]);
    assert_eq!(carried.actions, exported.next_actions);
}

#[test]
fn saving_the_week_and_next_actions_leave_the_review_as_it_is() {
    use crate::state::ActionChange;
    let state = read_sample_into(State::default());
    let before = state.open.as_ref().unwrap().review.clone();
    let name = first_grow(&state);
    let state = after(
        (*state).clone(),
        [
            Action::SaveWeek,
            Action::NextAction(ActionChange::Add {
                account: name,
                text: "Call".into(),
                due: None,
            }),
        ],
    );
    let open = state.open.as_ref().unwrap();
    // The same review, not one worked out again.
    assert!(open.review == before);
    assert_eq!(open.saved.history.len(), 1);
    assert_eq!(open.saved.actions.len(), 1);
}
