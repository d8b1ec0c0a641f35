//! The page's state: which screen is shown, the analysis, the filter and the last problem.
//! Changed only through [`Action`]s, by [`State::reduce`].

use std::ops::Deref;
use std::rc::Rc;

use yew::Reducible;

pub use crate::protocol::{Analysis, Stage};

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

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Screen {
    /// Nothing loaded: import a workbook or try the sample.
    #[default]
    Start,
    /// The review of an analysed workbook.
    Review(Shared<Analysis>),
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
    pub screen: Screen,
    /// An import or export under way; the screen stays as it is until it lands.
    pub work: Option<Work>,
    /// The text of the account filter.
    pub filter: String,
    /// The last thing that went wrong, in the user's words (shown as an alert).
    pub problem: Option<String>,
}

impl State {
    pub fn busy(&self) -> bool {
        self.work.is_some()
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
    /// The file was read and analysed.
    Reviewed(Shared<Analysis>),
    /// Reading, analysing or exporting failed; the message is for the user. The screen (and
    /// the review on it) stays as it was.
    Failed(String),
    /// The annotated workbook was handed to the browser.
    Exported,
    /// The account filter changed.
    Filter(String),
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
            Action::Exporting => match &self.screen {
                Screen::Review(analysis) => State {
                    work: Some(Work {
                        file_name: analysis.file_name.clone(),
                        stage: Stage::Writing,
                    }),
                    problem: None,
                    ..(*self).clone()
                },
                Screen::Start => return self,
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
            Action::Reviewed(analysis) => match self.work {
                Some(_) => State {
                    screen: Screen::Review(analysis),
                    ..State::default()
                },
                None => return self,
            },
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
                filter,
                ..(*self).clone()
            },
            Action::Clear => State::default(),
        };
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::load::{review_workbook, SAMPLE_BYTES, SAMPLE_NAME};

    fn sample() -> Shared<Analysis> {
        Shared::new(review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap().analysis)
    }

    fn after(state: State, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions
            .into_iter()
            .fold(Rc::new(state), |state, action| state.reduce(action))
    }

    #[test]
    fn a_read_leads_to_the_review_and_clear_back_to_the_start() {
        let analysis = sample();
        let state = after(
            State::default(),
            [
                Action::Reading(SAMPLE_NAME.into()),
                Action::Reviewed(analysis.clone()),
            ],
        );
        assert_eq!(state.screen, Screen::Review(analysis));
        let state = after((*state).clone(), [Action::Filter("north".into())]);
        assert_eq!(state.filter, "north");
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
        assert_eq!(state.screen, Screen::Start);
        assert_eq!(state.problem.as_deref(), Some("damaged"));
    }

    #[test]
    fn a_failed_export_keeps_the_review_and_a_new_read_clears_the_problem() {
        let analysis = sample();
        let state = after(
            State::default(),
            [
                Action::Reading(SAMPLE_NAME.into()),
                Action::Reviewed(analysis.clone()),
                Action::Failed("export failed".into()),
            ],
        );
        assert_eq!(state.screen, Screen::Review(analysis));
        assert!(state.problem.is_some());
        let retried = after((*state).clone(), [Action::Exported]);
        assert_eq!(retried.problem, None);
        assert_eq!(retried.screen, state.screen);
        let state = after((*state).clone(), [Action::Reading("b.xlsx".into())]);
        assert_eq!(state.problem, None);
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
        assert_eq!(state.screen, Screen::Start);
    }

    #[test]
    fn a_failed_read_leaves_the_previous_review_and_its_filter_on_screen() {
        let analysis = sample();
        let state = after(
            State::default(),
            [
                Action::Reading(SAMPLE_NAME.into()),
                Action::Reviewed(analysis.clone()),
                Action::Filter("north".into()),
                Action::Reading("damaged.xls".into()),
            ],
        );
        assert_eq!(state.screen, Screen::Review(analysis.clone()));
        assert_eq!(
            state.work.as_ref().map(Work::status).as_deref(),
            Some("Reading damaged.xls…")
        );
        let state = after((*state).clone(), [Action::Progress(Stage::Analysing)]);
        assert_eq!(state.work.as_ref().map(|w| w.stage), Some(Stage::Analysing));
        let state = after((*state).clone(), [Action::Failed("stopped".into())]);
        assert_eq!(state.screen, Screen::Review(analysis));
        assert_eq!(state.filter, "north");
        assert_eq!(state.work, None);
        assert_eq!(state.problem.as_deref(), Some("stopped"));
    }

    #[test]
    fn an_export_shows_its_stage_until_it_lands() {
        let state = after(
            State::default(),
            [
                Action::Reading(SAMPLE_NAME.into()),
                Action::Reviewed(sample()),
                Action::Exporting,
            ],
        );
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
}
