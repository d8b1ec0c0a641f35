//! The page's state: the workbook on the page and its review, what the user is looking at, the
//! work under way and what to tell them. Changed only through [`Action`]s, by
//! [`State::reduce`]; the review is recomputed there, on the page, whenever a setting or an
//! override changes (the rules take milliseconds for 10,000 accounts).

use std::ops::Deref;
use std::rc::Rc;

use account_lens_engine::{analyze_with, Category, Overrides, Review, Settings};
use yew::Reducible;

pub use crate::protocol::{Analysis, Stage};
use crate::storage::Saved;
use crate::table_view::{Column, Show, TableView};

/// Shares a value between components without copying it; two are equal when they are the same
/// value, so a large analysis is never compared field by field on a re-render.
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The part of the review on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Review,
    Reading,
    Settings,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Review, Section::Reading, Section::Settings];

    /// The name of its button in the "Sections" navigation.
    pub fn label(self) -> &'static str {
        match self {
            Section::Review => "Review",
            Section::Reading => "Check the reading",
            Section::Settings => "Settings",
        }
    }
}

/// A workbook on the page: what is kept between visits, and its review under the settings and
/// overrides kept with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub saved: Shared<Saved>,
    pub review: Shared<Review>,
}

impl Open {
    /// Runs the rules over the saved accounts.
    pub fn new(saved: Saved) -> Open {
        Open::of(Shared::new(saved))
    }

    /// Runs the rules over saved accounts already shared.
    pub fn of(saved: Shared<Saved>) -> Open {
        let review = analyze_with(&saved.dataset, &saved.settings, &saved.overrides);
        Open {
            saved,
            review: Shared::new(review),
        }
    }

    /// The same workbook with `change` made to what is kept, reviewed again.
    fn changed(&self, change: impl FnOnce(&mut Saved)) -> Open {
        let mut saved = (*self.saved).clone();
        change(&mut saved);
        Open::new(saved)
    }
}

/// What the worker is doing for the page, while it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// The workbook read or exported.
    pub file_name: String,
    pub stage: Stage,
}

impl Work {
    /// The status line, e.g. "Reading accounts.xlsx…".
    pub fn status(&self) -> String {
        self.stage.status(&self.file_name)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The workbook on the page, if any: the start screen when there is none.
    pub open: Option<Open>,
    pub section: Section,
    /// Filter, "Show", sort and page of the accounts table.
    pub view: TableView,
    /// The account whose detail is open, by name.
    pub selected: Option<String>,
    /// An import or export under way; the screen stays as it is until it lands.
    pub work: Option<Work>,
    /// The last thing that went wrong, in the user's words (shown as an alert).
    pub problem: Option<String>,
    /// Why the latest change is not saved in this browser, while it is not.
    pub not_saved: Option<String>,
    /// What the page found of an earlier visit that it could not restore.
    pub restore_notice: Option<String>,
    /// A workbook just read, waiting for its review ([`Action::Opened`]); the screen shows the
    /// one before until then.
    pub arriving: Option<Arriving>,
}

/// A workbook read by the worker, before the rules have run over it. The rules run in a task of
/// their own, not in the one that takes the worker's answer nor in the one that draws it: on a
/// book of 50,000 accounts each of those steps takes tens of milliseconds, and together they
/// would hold the page up.
#[derive(Debug, Clone, PartialEq)]
pub struct Arriving {
    pub saved: Shared<Saved>,
    /// The workbook on screen read another way: the user stays in the section they were in.
    pub same_file: bool,
}

impl State {
    /// The page as a reload finds it: the saved review, if any, and what to say about it.
    pub fn restored(saved: Option<Saved>, notice: Option<String>) -> State {
        State {
            open: saved.map(Open::new),
            restore_notice: notice,
            ..State::default()
        }
    }

    pub fn busy(&self) -> bool {
        self.work.is_some()
    }

    /// What to keep in the browser now; None when nothing is open.
    pub fn to_save(&self) -> Option<Shared<Saved>> {
        self.open.as_ref().map(|open| open.saved.clone())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Reading of a file has started.
    Reading(String),
    /// Writing the annotated copy of the workbook on screen has started.
    Exporting,
    /// The worker moved on to the next stage of the work under way.
    Progress(Stage),
    /// The file was read. A workbook exported earlier brings its settings and overrides;
    /// otherwise the page's own carry over (notes follow the account names). It is
    /// [`State::arriving`] until its review is [`Action::Opened`].
    Reviewed(Rc<Analysis>),
    /// The review of the arriving workbook, worked out in a task of its own.
    Opened(Open),
    /// Reading, analysing or exporting failed; the message is for the user. The screen (and
    /// the review on it) stays as it was.
    Failed(String),
    /// The annotated workbook was handed to the browser.
    Exported,
    /// The account filter changed.
    Filter(String),
    /// "Show" changed.
    Show(Show),
    /// A column header was clicked.
    SortBy(Column),
    /// Another page of the table.
    Page(usize),
    /// Another section of the review.
    Section(Section),
    /// Open the detail of an account (None closes it).
    Select(Option<String>),
    /// The user's category for an account (None: as the rules say).
    Override {
        account: String,
        category: Option<Category>,
    },
    /// The user's note on an account.
    Note { account: String, note: String },
    /// A setting changed, by key.
    Setting { key: String, value: f64 },
    /// Every setting back to its default.
    ResetSettings,
    /// What the last save did: None when saved, else the notice.
    SaveResult(Option<String>),
    /// Forget the workbook and its review, back to the start screen.
    Clear,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::Reading(file_name) => State {
                work: Some(Work {
                    file_name,
                    stage: Stage::Reading,
                }),
                problem: None,
                ..(*self).clone()
            },
            Action::Exporting => match self
                .arriving
                .as_ref()
                .map(|a| &a.saved)
                .or(self.open.as_ref().map(|o| &o.saved))
            {
                Some(saved) => State {
                    work: Some(Work {
                        file_name: saved.file_name.clone(),
                        stage: Stage::Writing,
                    }),
                    problem: None,
                    ..(*self).clone()
                },
                None => return self,
            },
            Action::Progress(stage) => match &self.work {
                Some(work) => State {
                    work: Some(Work {
                        stage,
                        ..work.clone()
                    }),
                    ..(*self).clone()
                },
                None => return self,
            },
            // Only the read that is still awaited may land: after a Clear it is dropped.
            Action::Reviewed(analysis) => {
                let Some(work) = &self.work else {
                    return self;
                };
                let analysis = Rc::try_unwrap(analysis).unwrap_or_else(|rc| (*rc).clone());
                let kept = self.open.as_ref().map(|open| &*open.saved);
                let same_file = kept.is_some_and(|k| k.file_name == analysis.file_name);
                let (settings, overrides) = carried_over(
                    &analysis,
                    kept.map(|k| &k.settings),
                    kept.map(|k| &k.overrides),
                );
                State {
                    arriving: Some(Arriving {
                        saved: Shared::new(Saved::from_analysis(analysis, settings, overrides)),
                        same_file,
                    }),
                    work: Some(Work {
                        stage: Stage::Analysing,
                        ..work.clone()
                    }),
                    ..(*self).clone()
                }
            }
            Action::Opened(open) => {
                let Some(arriving) = self.arriving.as_ref().filter(|a| a.saved == open.saved)
                else {
                    return self;
                };
                // An export asked for with the read (a file picked again after a reload) is
                // still being written.
                let work = self.work.clone().filter(|w| w.stage == Stage::Writing);
                State {
                    section: if arriving.same_file {
                        self.section
                    } else {
                        Section::Review
                    },
                    open: Some(open),
                    work,
                    not_saved: self.not_saved.clone(),
                    ..State::default()
                }
            }
            Action::Failed(message) => State {
                work: None,
                problem: Some(message),
                ..(*self).clone()
            },
            Action::Exported => State {
                work: None,
                problem: None,
                ..(*self).clone()
            },
            Action::Filter(filter) => State {
                view: TableView {
                    filter,
                    page: 0,
                    ..self.view.clone()
                },
                ..(*self).clone()
            },
            Action::Show(show) => State {
                view: TableView {
                    show,
                    page: 0,
                    ..self.view.clone()
                },
                ..(*self).clone()
            },
            Action::SortBy(column) => State {
                view: self.view.sorted_by(column),
                ..(*self).clone()
            },
            Action::Page(page) => State {
                view: TableView {
                    page,
                    ..self.view.clone()
                },
                ..(*self).clone()
            },
            Action::Section(section) => State {
                section,
                ..(*self).clone()
            },
            Action::Select(selected) => State {
                selected,
                ..(*self).clone()
            },
            Action::Override { account, category } => self.changed(|saved| {
                let entry = saved.overrides.entry(account.clone()).or_default();
                entry.category = category;
                if entry.is_empty() {
                    saved.overrides.remove(&account);
                }
            }),
            Action::Note { account, note } => self.changed(|saved| {
                let entry = saved.overrides.entry(account.clone()).or_default();
                entry.note = note;
                if entry.is_empty() {
                    saved.overrides.remove(&account);
                }
            }),
            Action::Setting { key, value } => {
                let mut settings = match &self.open {
                    Some(open) => open.saved.settings.clone(),
                    None => return self,
                };
                if !settings.set(&key, value) || settings == self.open_settings() {
                    return self;
                }
                self.changed(|saved| saved.settings = settings)
            }
            Action::ResetSettings => {
                if self.open_settings() == Settings::default() {
                    return self;
                }
                self.changed(|saved| saved.settings = Settings::default())
            }
            Action::SaveResult(not_saved) => {
                if self.not_saved == not_saved {
                    return self;
                }
                State {
                    not_saved,
                    ..(*self).clone()
                }
            }
            Action::Clear => State::default(),
        };
        Rc::new(next)
    }
}

/// The settings and overrides a newly read workbook is reviewed under: its own, when an earlier
/// export saved them in it; else those of the review on the page (a rep's thresholds and notes
/// carry over to next week's file), else the defaults.
pub fn carried_over(
    analysis: &Analysis,
    settings: Option<&Settings>,
    overrides: Option<&Overrides>,
) -> (Settings, Overrides) {
    let settings = analysis
        .settings
        .clone()
        .or_else(|| settings.cloned())
        .unwrap_or_default();
    let overrides = if analysis.overrides.is_empty() {
        overrides.cloned().unwrap_or_default()
    } else {
        analysis.overrides.clone()
    };
    (settings, overrides)
}

impl State {
    fn open_settings(&self) -> Settings {
        self.open
            .as_ref()
            .map(|open| open.saved.settings.clone())
            .unwrap_or_default()
    }

    /// This state with a change to what is kept (nothing when no workbook is open).
    fn changed(&self, change: impl FnOnce(&mut Saved)) -> State {
        match &self.open {
            Some(open) => State {
                open: Some(open.changed(change)),
                ..self.clone()
            },
            None => self.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::load::{read_sample, SAMPLE_NAME};
    use account_lens_engine::Flag;

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
                let open = Open::of(arriving.saved.clone());
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
        let stale = Open::of(first.open.as_ref().unwrap().saved.clone());
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
        let restored = State::restored(Some(saved), None);
        assert_eq!(
            restored.open.as_ref().unwrap().review.accounts,
            review(&state).accounts
        );
        assert_eq!(restored.section, Section::Review);
        let notice = State::restored(None, Some("kept aside".into()));
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
}
