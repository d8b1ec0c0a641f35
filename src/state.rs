//! The page's state: the workbook on the page and its review, what the user is looking at, the
//! work under way and what to tell them. Changed only through [`Action`]s, by
//! [`State::reduce`]; the review is recomputed there, on the page, whenever a setting or an
//! override changes (the rules take milliseconds for 10,000 accounts), and the hours with it
//! whenever time is logged.

mod changes;

use std::ops::Deref;
use std::rc::Rc;

use account_lens_engine::{
    account_key, analyze_with, Category, Date, HoursSource, PlanSettings, Review, Settings,
    Snapshot, TimeLog,
};
use yew::Reducible;

pub use changes::{
    change_text, hours_text, parse_date, percent_text, valid_hours, ActionChange, Logged,
    PlanChange, TimeChange, MOST_HOURS_A_WEEK,
};

use crate::load::{all_time, with_logged_hours};
pub use crate::protocol::{Analysis, Decisions, Stage};
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

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
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
    Plan,
    TimeLog,
    Products,
    Weeks,
    Reading,
    Settings,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Review,
        Section::Weeks,
        Section::Plan,
        Section::TimeLog,
        Section::Products,
        Section::Reading,
        Section::Settings,
    ];

    /// The name of its button in the "Sections" navigation.
    pub fn label(self) -> &'static str {
        match self {
            Section::Review => "Review",
            Section::Plan => "Time plan",
            Section::TimeLog => "Time log",
            Section::Products => "Products",
            Section::Weeks => "Week by week",
            Section::Reading => "Check the reading",
            Section::Settings => "Settings",
        }
    }
}

/// A workbook on the page: what is kept between visits, and its review under the decisions
/// kept with it, on the day it is looked at.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub saved: Shared<Saved>,
    pub review: Shared<Review>,
    /// The day of the review: the hours are the average of the four weeks before its week.
    pub today: Date,
    /// Where the review's hours came from.
    pub hours: HoursSource,
    /// The workbook's time-log sheet and the time logged in the app, together.
    pub log: Shared<TimeLog>,
    /// The plan's settings, the sheet's estimates under the rep's own.
    pub plan_settings: Shared<PlanSettings>,
}

impl Open {
    /// Applies the time logs and runs the rules over the saved accounts.
    pub fn new(saved: Saved, today: Date) -> Open {
        Open::of(Shared::new(saved), today)
    }

    /// As [`Open::new`], over saved accounts already shared.
    pub fn of(saved: Shared<Saved>, today: Date) -> Open {
        let sheet_log = saved.sheet_log.as_ref().map(|(_, log)| log);
        let log = all_time(sheet_log, &saved.logged);
        let (dataset, hours) = with_logged_hours(&saved.dataset, &log, today);
        let review = analyze_with(&dataset, &saved.settings, &saved.overrides);
        let plan_settings = saved.plan.with_sheet_estimates(&saved.sheet_estimates);
        Open {
            review: Shared::new(review),
            today,
            hours,
            log: Shared::new(log),
            plan_settings: Shared::new(plan_settings),
            saved,
        }
    }

    /// The same workbook with `change` made to what is kept, reviewed again.
    fn changed(&self, change: impl FnOnce(&mut Saved)) -> Open {
        let mut saved = (*self.saved).clone();
        change(&mut saved);
        Open::new(saved, self.today)
    }

    /// The same workbook with `change` made to what the review does not read (the saved weeks,
    /// the next actions): the review stays as it is.
    fn noted(&self, change: impl FnOnce(&mut Saved)) -> Open {
        let mut saved = (*self.saved).clone();
        change(&mut saved);
        Open {
            saved: Shared::new(saved),
            ..self.clone()
        }
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
    /// What the last change of the time log did ("Logged 1.5 h for Northwind on …").
    pub told: Option<String>,
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
    /// The page as a reload finds it on `today`: the saved review, if any, and what to say
    /// about it.
    pub fn restored(saved: Option<Saved>, notice: Option<String>, today: Date) -> State {
        State {
            open: saved.map(|saved| Open::new(saved, today)),
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
    /// Open an account's detail in the Review section (from another section's list).
    OpenAccount(String),
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
    /// A change to the time plan's settings.
    Plan(PlanChange),
    /// A change to the time log.
    Time(TimeChange),
    /// A time-log file was read; its entries go into the log ([`TimeChange::Imported`]), and
    /// what its reading noticed is told.
    TimeLogRead {
        file_name: String,
        log: TimeLog,
        notes: Vec<String>,
    },
    /// "Save this week's review": the review as it stands, as this ISO week's snapshot (one
    /// saved earlier this week is replaced).
    SaveWeek,
    /// A change to the rep's next actions.
    NextAction(ActionChange),
    /// Keep only the newest `keep` weeks (the rep's choice when the browser is full).
    TrimHistory { keep: usize },
    /// A backup file read: everything it holds replaces what is on the page.
    Restore(Box<Saved>),
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
                let decisions = carried_over(&analysis, kept.map(Saved::decisions));
                State {
                    arriving: Some(Arriving {
                        saved: Shared::new(Saved::from_analysis(analysis, decisions)),
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
                told: None,
                ..(*self).clone()
            },
            Action::Select(selected) => State {
                selected,
                ..(*self).clone()
            },
            Action::OpenAccount(account) => State {
                section: Section::Review,
                selected: Some(account),
                told: None,
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
            Action::Plan(change) => {
                let Some(open) = &self.open else {
                    return self;
                };
                let mut saved = (*open.saved).clone();
                if !change.apply(&mut saved) {
                    return self;
                }
                State {
                    open: Some(Open::new(saved, open.today)),
                    ..(*self).clone()
                }
            }
            Action::Time(change) => self.logged(change),
            Action::TimeLogRead {
                file_name,
                mut log,
                notes,
            } => {
                // Entries take the workbook's spelling of their account ("corner bistro" is
                // Corner Bistro), so the weeks and the history list them under it.
                if let Some(open) = &self.open {
                    let names: std::collections::HashMap<String, &str> = open
                        .review
                        .accounts
                        .iter()
                        .map(|a| (account_key(&a.account), a.account.as_str()))
                        .collect();
                    for entry in &mut log.entries {
                        if let Some(name) = names.get(&account_key(&entry.account)) {
                            entry.account = (*name).to_string();
                        }
                    }
                }
                let next = self.logged(TimeChange::Imported { file_name, log });
                let told = match notes.len() {
                    0 => next.told.clone(),
                    n => Some(format!(
                        "{} Noted while reading it: {}{}.",
                        next.told.clone().unwrap_or_default(),
                        notes.iter().take(3).cloned().collect::<Vec<_>>().join("; "),
                        if n > 3 {
                            format!(" (and {} more)", n - 3)
                        } else {
                            String::new()
                        }
                    )),
                };
                State {
                    work: None,
                    problem: None,
                    told,
                    ..next
                }
            }
            Action::SaveWeek => {
                let Some(open) = &self.open else {
                    return self;
                };
                let week = open.today.iso_week();
                let snapshot = Snapshot::of(&open.review, week);
                let label = snapshot.week_label();
                let accounts = snapshot.accounts.len();
                let next = self.noted(|saved| {
                    let history = Rc::make_mut(&mut saved.history);
                    history.retain(|s| (s.iso_year, s.week) != week);
                    history.push(snapshot);
                    history.sort_by_key(|s| (s.iso_year, s.week));
                });
                State {
                    told: Some(format!(
                        "Saved this week's review ({label}): {accounts} account{}.",
                        if accounts == 1 { "" } else { "s" }
                    )),
                    ..next
                }
            }
            Action::NextAction(change) => {
                let Some(open) = &self.open else {
                    return self;
                };
                let mut told = None;
                let next = open.noted(|saved| told = change.apply(&mut saved.actions));
                let Some(told) = told else {
                    return self;
                };
                State {
                    open: Some(next),
                    told: Some(told),
                    ..(*self).clone()
                }
            }
            Action::TrimHistory { keep } => {
                let weeks = self.open.as_ref().map_or(0, |o| o.saved.history.len());
                if weeks <= keep {
                    return self;
                }
                let next = self.noted(|saved| {
                    Rc::make_mut(&mut saved.history).drain(..weeks - keep);
                });
                State {
                    told: Some(format!(
                        "The {} oldest week{} removed from this browser; the newest {keep} {} kept.",
                        weeks - keep,
                        if weeks - keep == 1 { " is" } else { "s are" },
                        if keep == 1 { "is" } else { "are" }
                    )),
                    ..next
                }
            }
            Action::Restore(saved) => {
                let today = self
                    .open
                    .as_ref()
                    .map_or_else(crate::clock::today, |o| o.today);
                let file_name = saved.file_name.clone();
                let weeks = saved.history.len();
                State {
                    open: Some(Open::new(*saved, today)),
                    told: Some(format!(
                        "Restored the backup of {file_name}: its review, settings, notes, time log, plan, {weeks} saved week{} and next actions.",
                        if weeks == 1 { "" } else { "s" }
                    )),
                    not_saved: self.not_saved.clone(),
                    ..State::default()
                }
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

/// The decisions a newly read workbook is reviewed under: each its own, when an earlier export
/// saved it in the workbook; else those of the review on the page (a rep's thresholds, notes,
/// plan and logged time carry over to next week's file), else the defaults.
pub fn carried_over(analysis: &Analysis, kept: Option<Decisions>) -> Decisions {
    let kept = kept.unwrap_or_default();
    Decisions {
        settings: analysis.settings.clone().unwrap_or(kept.settings),
        overrides: if analysis.overrides.is_empty() {
            kept.overrides
        } else {
            analysis.overrides.clone()
        },
        plan: analysis.plan_settings.clone().unwrap_or(kept.plan),
        logged: if analysis.logged.entries.is_empty() {
            kept.logged
        } else {
            analysis.logged.clone()
        },
        history: merged_weeks(&analysis.history, kept.history),
        actions: if analysis.next_actions.is_empty() {
            kept.actions
        } else {
            analysis.next_actions.clone()
        },
    }
}

/// The weeks of a workbook's History sheet together with those kept in the browser, in week
/// order; a week in both is the workbook's (it travelled with the file).
fn merged_weeks(from_workbook: &[Snapshot], kept: Rc<Vec<Snapshot>>) -> Rc<Vec<Snapshot>> {
    if from_workbook.is_empty() {
        return kept;
    }
    let mut weeks: Vec<Snapshot> = from_workbook.to_vec();
    for s in kept.iter() {
        if !weeks
            .iter()
            .any(|w| (w.iso_year, w.week) == (s.iso_year, s.week))
        {
            weeks.push(s.clone());
        }
    }
    weeks.sort_by_key(|s| (s.iso_year, s.week));
    Rc::new(weeks)
}

impl State {
    fn open_settings(&self) -> Settings {
        self.open
            .as_ref()
            .map(|open| open.saved.settings.clone())
            .unwrap_or_default()
    }

    /// This state with a change to the time log, and what it did told.
    fn logged(&self, change: TimeChange) -> State {
        let Some(open) = &self.open else {
            return self.clone();
        };
        let mut saved = (*open.saved).clone();
        let done = change.apply(&mut saved);
        match done {
            Logged::Nothing => State {
                told: None,
                ..self.clone()
            },
            done => State {
                open: Some(Open::new(saved, open.today)),
                told: done.message(),
                ..self.clone()
            },
        }
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

    /// As [`State::changed`], for what the review does not read ([`Open::noted`]).
    fn noted(&self, change: impl FnOnce(&mut Saved)) -> State {
        match &self.open {
            Some(open) => State {
                open: Some(open.noted(change)),
                ..self.clone()
            },
            None => self.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
