use app::files::{model_file_json, read, snapshot_json, wrong_kind, GivenAs, Imported};
use app::state::{Action, State};
use learner::model_file::ModelFile;

use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

fn trained() -> State {
    State::at_start().apply(Action::Train25).apply(Action::Reset).apply(Action::Train25)
}

#[test]
fn the_page_writes_the_files_byte_for_byte_as_the_core_does() {
    let state = trained();
    let mut file = state.session().model_file();
    assert_eq!(model_file_json(&file), serde_json::to_string(&file).unwrap());
    // Whole, signed, tiny and huge numbers too.
    file.coefs[0][0][..5].copy_from_slice(&[0.0, -0.0, 2.0, 5e-324, 1e300]);
    file.adam.ms.intercepts[1][0] = 0.0;
    assert_eq!(model_file_json(&file), serde_json::to_string(&file).unwrap());
    let snapshot = state.session().snapshot();
    assert_eq!(snapshot_json(&snapshot), serde_json::to_string(&snapshot).unwrap());
}

#[test]
fn the_page_reads_what_the_core_and_scikit_learn_write() {
    let state = trained();
    let snapshot = state.session().snapshot();
    assert_eq!(read(&serde_json::to_string(&snapshot).unwrap()), Ok(Imported::Session(Box::new(snapshot))));
    // tools/sklearn_io.py: a model trained in scikit-learn, as a model file.
    let fixture: Value =
        serde_json::from_str(include_str!("../../learner/tests/fixtures/sklearn_roundtrip_trained_in_sklearn.json"))
            .unwrap();
    let text = fixture["model_file"].to_string();
    let expected: ModelFile = serde_json::from_str(&text).unwrap();
    assert_eq!(read(&text), Ok(Imported::Model(Box::new(expected))));
}

#[test]
fn an_imported_file_goes_on_exactly_as_the_exported_session() {
    let state = trained();
    let text = snapshot_json(&state.session().snapshot());
    let imported = State::at_start().imported(read(&text).unwrap()).unwrap();
    assert_eq!(imported.report, state.report);
    let (a, b) =
        (imported.apply(Action::Reset).apply(Action::Train25), state.apply(Action::Reset).apply(Action::Train25));
    assert_eq!(a.session().snapshot(), b.session().snapshot(), "the same stream, model and Adam state");

    let model = model_file_json(&state.session().model_file());
    let imported = State::at_start().imported(read(&model).unwrap()).unwrap();
    assert_eq!(imported.session().model(), state.session().model());
    assert_eq!(imported.report.remaining, state.report.remaining);
}

#[test]
fn a_snapshot_of_either_version_opens_and_its_stream_is_checked_field_by_field() {
    let state = trained();
    let text = snapshot_json(&state.session().snapshot());
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["stream"]["next"].as_array().map(Vec::len), Some(624), "version 2: the next outputs");
    let opened = |edit: &dyn Fn(&mut Value)| {
        let mut value = snapshot.clone();
        edit(&mut value);
        read(&value.to_string()).and_then(|file| State::at_start().imported(file))
    };
    // Version 1, as earlier builds wrote it: the seed and the draws, replayed.
    let version_1 = opened(&|value| {
        value["version"] = 1.into();
        value["stream"].as_object_mut().unwrap().remove("next");
    })
    .unwrap();
    assert_eq!(
        version_1.apply(Action::Reset).session().snapshot(),
        state.clone().apply(Action::Reset).session().snapshot(),
        "the same next Reset"
    );
    let refusal = |edit: &dyn Fn(&mut Value)| opened(edit).unwrap_err();
    assert_eq!(refusal(&|value| value["version"] = 1.into()), "stream: unknown field `next`");
    assert_eq!(
        refusal(&|value| drop(value["stream"].as_object_mut().unwrap().remove("next"))),
        "stream: missing field `next`"
    );
    assert_eq!(
        refusal(&|value| value["stream"]["next"][5] = (-1).into()),
        "stream.next[5]: expected a whole number from 0 to 4294967295, found -1"
    );
    assert_eq!(
        refusal(&|value| value["stream"]["next"] = serde_json::json!([1, 2])),
        "cannot restore the session: stream.next has 2 outputs, expected 624"
    );
    assert_eq!(
        refusal(&|value| value["stream"]["next"][0] = 7.into()),
        format!(
            "cannot restore the session: stream.next is not what seed 5 gives after {} draws",
            state.session().stream().position().1
        )
    );
    assert_eq!(
        refusal(&|value| value["version"] = 3.into()),
        "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
    );
    // A newer build's snapshot: its version said, not the field it added.
    assert_eq!(
        refusal(&|value| {
            value["version"] = 3.into();
            value["data_id"] = "abc".into();
        }),
        "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
    );
}

/// The error for the model file with `edit` applied to its JSON.
fn refused(edit: impl Fn(&mut Value)) -> String {
    let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
    edit(&mut file);
    let text = file.to_string();
    match read(&text) {
        Err(error) => error,
        Ok(file) => State::at_start().imported(file).unwrap_err(),
    }
}

#[test]
fn every_field_is_checked_and_the_error_names_it() {
    assert_eq!(
        refused(|file| file["adam"]["ms"]["coefs"][0][3][7] = "x".into()),
        "adam.ms.coefs[0][3][7]: expected a number, found a string"
    );
    assert_eq!(refused(|file| file["scaler"]["extra"] = 1.into()), "scaler: unknown field `extra`");
    assert_eq!(refused(|file| drop(file.as_object_mut().unwrap().remove("progress"))), "missing field `progress`");
    assert_eq!(
        refused(|file| file["version"] = 2.into()),
        "invalid model file: version 2 is not supported (this build reads version 1)"
    );
    // A newer build's model file, or another kind of file: said as such, before the fields.
    assert_eq!(
        refused(|file| {
            file["version"] = 2.into();
            file["activation"] = "tanh".into();
        }),
        "invalid model file: version 2 is not supported (this build reads version 1)"
    );
    assert_eq!(
        refused(|file| *file = serde_json::json!({"format": "keras", "version": 1, "layers": []})),
        "invalid model file: format is `keras`, expected `online-mlp-classifier`"
    );
    assert_eq!(
        refused(|file| file["coefs"][0].as_array_mut().unwrap().truncate(12)),
        "invalid model file: coefs[0] has 12 rows, expected 13"
    );
    assert_eq!(
        refused(|file| file["progress"]["samples_seen"] = (-1).into()),
        "progress.samples_seen: expected a whole number from 0 to 18446744073709551615, found -1"
    );
    assert_eq!(
        refused(|file| file["progress"]["next_sample"] = ((1u64 << 32) + 5).into()),
        "progress.next_sample: expected a whole number from 0 to 4294967295, found 4294967301",
        "refused, where it wrapped to sample 5"
    );
    assert_eq!(
        refused(|file| file["scaler"]["mean"][0] = 54.0.into()),
        "cannot restore the session: it was saved on other data (its scaler differs from this data's)"
    );
    assert_eq!(
        refused(|file| file["hyperparameters"]["alpha"] = Value::Null),
        "hyperparameters.alpha: expected a number, found null"
    );
    assert!(read("[[[[").unwrap_err().starts_with("not JSON ("));
    // Another kind of file is named as such.
    const HEART_CSV: &str = include_str!("../../data/heart.csv");
    assert!(read(HEART_CSV).unwrap_err().starts_with("it looks like a CSV file: give it to"));
    assert_eq!(read("\u{1}\u{FFFD}PK").unwrap_err(), "it is not a text file");
    // UTF-16, either byte order, as the browser reads it as UTF-8; and a JPEG, not UTF-16.
    for utf16 in ["\u{FFFD}\u{FFFD}a\0g\0e\0", "\u{FFFD}\u{FFFD}\0a\0g\0e"] {
        assert_eq!(read(utf16).unwrap_err(), "it is UTF-16 text: save it as UTF-8");
    }
    assert_eq!(read("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\0\u{10}JFIF").unwrap_err(), "it is not a text file");
    assert!(
        wrong_kind(r#" {"format": "x"}"#, GivenAs::Data).is_some_and(|reason| reason.starts_with("it looks like JSON"))
    );
    assert_eq!(wrong_kind(HEART_CSV, GivenAs::Data), None);
    // The streams page's files too: a model file given as a site's data is named as such.
    assert!(wrong_kind("{\"format\": \"online-mlp-classifier\"}", GivenAs::Stream)
        .is_some_and(|reason| reason.starts_with("it looks like JSON, a model file or a session, where a stream")));
    assert_eq!(wrong_kind(HEART_CSV, GivenAs::Stream), None);
    assert_eq!(read(r#"{"coefs": 1e999}"#).unwrap_err(), "missing field `format`");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(read(&deep).unwrap_err(), "expected an object, found an array");
    let infinite = serde_json::to_string(&trained().session().model_file()).unwrap().replacen("[[[", "[[[1e999,", 1);
    assert!(read(&infinite).and_then(|file| State::at_start().imported(file)).unwrap_err().contains("coefs[0][0]"));
    // Inside a field, in the shape expected: the field named, the session kept.
    let deep_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let refusals = [
        refused_text(|file| file["coefs"][1][7][0] = PLACEHOLDER.into(), "-1e999"),
        refused_text(|file| file["adam"]["vs"]["intercepts"][0][3] = PLACEHOLDER.into(), "1e400"),
        refused_text(|file| file["coefs"][0][2][5] = PLACEHOLDER.into(), &deep_arrays),
        refused_text(|file| file["hyperparameters"]["alpha"] = PLACEHOLDER.into(), &deep_objects),
    ];
    assert_eq!(
        refusals,
        [
            "invalid model file: coefs[1][7] holds -inf, not a finite number",
            "invalid model file: adam.vs.intercepts[0] holds inf, not a finite number",
            "coefs[0][2][5]: expected a number, found an array",
            "hyperparameters.alpha: expected a number, found an object",
        ]
    );
}

/// A number no model file holds, to put other text in its place.
const PLACEHOLDER: f64 = 8_675_309.125;

/// The error for the model file with `edit` applied and [`PLACEHOLDER`] replaced by `text`.
fn refused_text(edit: impl Fn(&mut Value), text: &str) -> String {
    let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
    edit(&mut file);
    let json = file.to_string();
    assert_eq!(json.matches("8675309.125").count(), 1, "the placeholder is written once");
    let json = json.replace("8675309.125", text);
    match read(&json) {
        Err(error) => error,
        Ok(file) => State::at_start().imported(file).unwrap_err(),
    }
}

#[test]
fn a_step_that_makes_the_outputs_nan_is_not_taken_and_a_model_whose_outputs_are_nan_is_refused() {
    // A learning rate of 1e300, which scikit-learn accepts: the first step overflows.
    let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
    file["hyperparameters"]["learning_rate_init"] = 1e300.into();
    let imported = State::at_start().imported(read(&file.to_string()).unwrap()).unwrap();
    let after = imported.apply(Action::Train25);
    assert_eq!(after.error.as_deref(), Some("That step was not taken: it would make the model's numbers overflow."));
    assert!(after.numbers_overflowed() && !imported.numbers_overflowed());
    assert!(imported.announcement.starts_with("Imported a 13-100-1 network"), "{}", imported.announcement);
    assert_eq!(after.announcement, "", "what the import said goes: the refusal is what the page says now");
    assert_eq!((after.report, after.session().model()), (imported.report, imported.session().model()));
    assert!(!after.evaluation.log_loss.is_nan());
    // Finite weights whose sums overflow on the test split: infinities of both signs
    // meet in the output unit, whose input is then NaN.
    let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
    for (unit, weight) in file["coefs"][1].as_array_mut().unwrap().iter_mut().enumerate() {
        weight[0] = (if unit % 2 == 0 { 1e308 } else { -1e308 }).into();
    }
    for row in file["coefs"][0].as_array_mut().unwrap() {
        for weight in row.as_array_mut().unwrap() {
            *weight = 1e308.into();
        }
    }
    assert_eq!(
        State::at_start().imported(read(&file.to_string()).unwrap()).unwrap_err(),
        "its model's numbers overflow on this data"
    );
}
