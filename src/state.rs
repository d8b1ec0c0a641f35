//! The page's state: which screen is shown, the analysis, the filter and the last problem.
//! Changed only through [`Action`]s, by [`State::reduce`].

use std::ops::Deref;
use std::rc::Rc;

use account_lens_engine::{Review, Settings};
use account_lens_workbook::Imported;
use yew::Reducible;

/// A workbook read and analysed: what the screens show and the export needs.
#[derive(Debug)]
pub struct Analysis {
    /// The name of the file as the user picked it.
    pub file_name: String,
    pub imported: Imported,
    /// The settings the review used (from the workbook's `Settings` sheet, else the defaults).
    pub settings: Settings,
    pub review: Review,
}

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
    /// A file is being read and analysed.
    Reading { file_name: String },
    /// The review of an analysed workbook.
    Review(Shared<Analysis>),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub screen: Screen,
    /// The text of the account filter.
    pub filter: String,
    /// The last thing that went wrong, in the user's words (shown as an alert).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Reading of a file has started.
    Reading(String),
    /// The file was read and analysed.
    Reviewed(Shared<Analysis>),
    /// Reading, analysing or exporting failed; the message is for the user.
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
                screen: Screen::Reading { file_name },
                ..State::default()
            },
            // Only the read that is still awaited may land: after a Clear it is dropped.
            Action::Reviewed(analysis) => match self.screen {
                Screen::Reading { .. } => State {
                    screen: Screen::Review(analysis),
                    ..State::default()
                },
                _ => return self,
            },
            Action::Failed(message) => State {
                screen: match &self.screen {
                    Screen::Reading { .. } => Screen::Start,
                    screen => screen.clone(),
                },
                filter: self.filter.clone(),
                problem: Some(message),
            },
            Action::Exported => State {
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
        Shared::new(review_workbook(SAMPLE_BYTES, SAMPLE_NAME).unwrap())
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
}
