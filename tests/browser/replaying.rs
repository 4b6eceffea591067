use app::saved::{read, replay, write};
use app::state::{Action, PatientDraft, State};
use learner::heart::DISEASE;

use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
fn a_long_session_restores_to_the_very_same_state() {
    let mut state = State::at_start();
    let patient = state.session().data().x_test_raw.row(3).to_vec();
    for click in 0..60 {
        let action = match click % 6 {
            5 => Action::Reset,
            4 => Action::Teach { patient: patient.clone(), target: DISEASE },
            _ => Action::Train25,
        };
        state = state.apply(action);
    }
    let draft = PatientDraft::test_patient(state.session().data(), 3);
    let restored = replay(read(&write(&state, &draft)).unwrap()).unwrap();
    assert_eq!(restored.session().snapshot(), state.session().snapshot(), "the model, Adam and the stream");
    assert_eq!(restored.session().curve(), state.session().curve());
    assert_eq!(restored.earlier_runs, state.earlier_runs, "the faded runs");
    assert_eq!((restored.report, restored.evaluation), (state.report, state.evaluation));
    assert_eq!(restored.actions, state.actions, "the whole record, to be saved again");
    assert_eq!(write(&restored, &draft), write(&state, &draft));
    let (a, b) = (restored.apply(Action::Reset), state.apply(Action::Reset));
    assert_eq!(a.session().snapshot(), b.session().snapshot(), "the next Reset draws the same model");
}

#[test]
fn an_action_that_cannot_be_replayed_is_named_even_in_a_run_long_gone() {
    let mut state = State::at_start().apply(Action::Teach { patient: vec![50.0; 13], target: DISEASE });
    for _ in 0..5 {
        state = state.apply(Action::Reset);
    }
    let draft = PatientDraft::test_patient(state.session().data(), 0);
    let text = write(&state, &draft).replacen("[50.0,50.0,", "[50.0,", 1);
    assert_eq!(
        replay(read(&text).unwrap()).unwrap_err(),
        "actions[0] cannot be replayed: expected 13 features per sample, got 12"
    );
}
