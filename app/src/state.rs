//! The page's whole state, changed only by named actions (the original's two buttons).
//!
//! The state owns the visitor's [`Session`]: the seeded stream, the data and the model,
//! so a click calls the model directly. What the page shows is the last [`Report`].

use std::rc::Rc;

use learner::session::{Report, Session, ORIGINAL_SEED, SAMPLES_AT_START, SAMPLES_PER_CLICK};
use yew::Reducible;

/// Everything the page shows, and the session behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    session: Session,
    /// The answer to the last action, as the original server returned it.
    pub report: Report,
    /// A message for the visitor when an action failed (nothing is lost: the session is
    /// left as it was).
    pub error: Option<String>,
}

/// What a visitor can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// "+25 Training": learn the next 25 training samples.
    Train25,
    /// "Reset": a new model from the same stream, trained on sample 0.
    Reset,
}

impl State {
    /// The page at load: seed 5 and samples 0..99 trained, as the original server starts.
    pub fn at_start() -> Self {
        Self::with_seed(ORIGINAL_SEED)
    }

    pub fn with_seed(seed: u32) -> Self {
        let mut session = Session::heart(seed).expect("the bundled data set is valid");
        let report = session.train(SAMPLES_AT_START).expect("the bundled data trains");
        Self { session, report, error: None }
    }

    /// The accuracy as the original server rounded it: `round(score, 5)`.
    pub fn accuracy_text(&self) -> String {
        format!("{:.5}", self.report.score)
    }

    /// Whether "+25 Training" has anything left to learn.
    pub fn can_train(&self) -> bool {
        self.report.remaining > 0
    }

    /// Apply an action to a copy of the state.
    pub fn apply(&self, action: Action) -> Self {
        let mut next = self.clone();
        let result = match action {
            Action::Train25 => next.session.train(SAMPLES_PER_CLICK),
            Action::Reset => next.session.reset(),
        };
        match result {
            Ok(report) => {
                next.report = report;
                next.error = None;
                next
            }
            Err(error) => Self { error: Some(error.to_string()), ..self.clone() },
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_page_starts_where_the_original_server_starts() {
        let state = State::at_start();
        assert_eq!(state.accuracy_text(), "0.80328");
        assert_eq!(state.report.remaining, 142);
        assert!(state.can_train());
    }

    #[test]
    fn the_original_click_sequence_shows_the_original_numbers() {
        // tools/make_fixtures.py, server(): the original server's click sequence and answers.
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../learner/tests/fixtures/server.json")).unwrap();
        let steps = fixture["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 12, "start, +25 x 6, Reset, +25 x 2, Reset, +25");
        let mut state = State::at_start();
        for step in steps {
            state = match step["action"].as_str().unwrap() {
                "start" => state,
                "train25" => state.apply(Action::Train25),
                "reset" => state.apply(Action::Reset),
                other => panic!("unknown action {other}"),
            };
            let expected = (format!("{:.5}", step["result"].as_f64().unwrap()), step["remaining"].as_u64().unwrap());
            assert_eq!((state.accuracy_text(), state.report.remaining as u64), expected, "{step}");
        }
    }

    #[test]
    fn training_is_disabled_when_nothing_remains_and_reset_enables_it() {
        let mut state = State::at_start();
        for _ in 0..6 {
            state = state.apply(Action::Train25);
        }
        assert!(!state.can_train());
        let after = state.apply(Action::Train25);
        assert_eq!(after.report, state.report, "remaining never goes negative");
        assert!(state.apply(Action::Reset).can_train());
    }
}
