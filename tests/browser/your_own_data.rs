use app::saved::{read, replay, write};
use app::setup::Setup;
use app::state::{Action, Data, DataSource, PatientDraft, State};
use learner::uci::Missing;

use wasm_bindgen_test::wasm_bindgen_test as test;

/// UCI's raw Cleveland file, which heart.csv was made from.
const CLEVELAND: &str = include_str!("../../data/uci/processed.cleveland.data");

fn file(name: &str, text: &str, missing: Missing) -> DataSource {
    DataSource::File { name: name.into(), text: text.into(), missing }
}

#[test]
fn a_raw_uci_file_is_recoded_and_its_missing_values_counted() {
    let dropped = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::DropRows)).unwrap();
    assert_eq!(
        &*dropped.summary,
        "processed.cleveland.data, UCI's raw form recoded to heart.csv's codes: 303 rows read, 6 left out for \
         missing values; 297 patients."
    );
    let imputed = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::ImputeMean)).unwrap();
    assert!(
        imputed.summary.ends_with("303 rows read, 6 missing values filled in with their column's mean; 303 patients."),
        "{}",
        imputed.summary
    );
    // Read with the other choice, either is other data: the page reads it again then.
    assert!(dropped.had_missing_values && imputed.had_missing_values);
    let complete = CLEVELAND.lines().filter(|line| !line.contains('?')).collect::<Vec<_>>().join("\n");
    assert!(!Data::load(file("complete.data", &complete, Missing::DropRows)).unwrap().had_missing_values);
    let state = State::start(Setup::default(), dropped);
    assert_eq!((state.report.trained, state.report.remaining), (100, 297 - 60 - 100));
    assert_eq!(state.session().data().y_test.len(), 60, "20% of 297");
}

#[test]
fn a_file_in_heart_csvs_form_is_the_bundled_data_when_it_is_heart_csv() {
    let uploaded = State::start(
        Setup::default(),
        Data::load(file("heart.csv", learner::data::HEART_CSV, Missing::DropRows)).unwrap(),
    );
    assert_eq!(&*uploaded.data.summary, "heart.csv, in heart.csv's form: 303 patients.");
    assert_eq!(uploaded.session().snapshot(), State::at_start().session().snapshot());
}

#[test]
fn a_file_with_heart_csvs_columns_in_another_order_is_heart_csv() {
    // heart.csv with its columns reversed, `target` first.
    let reversed = learner::data::HEART_CSV
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|line| line.split(',').rev().collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n");
    let uploaded = State::start(Setup::default(), Data::load(file("mine.csv", &reversed, Missing::DropRows)).unwrap());
    assert_eq!(&*uploaded.data.summary, "mine.csv, in heart.csv's form, its columns found by name: 303 patients.");
    assert_eq!(uploaded.session().snapshot(), State::at_start().session().snapshot());
    assert_eq!(uploaded.session().data(), State::at_start().session().data());
}

#[test]
fn a_wrong_file_is_refused_with_its_line_and_column() {
    let refused = |text: &str| Data::load(file("mine.csv", text, Missing::DropRows)).unwrap_err();
    let header = learner::data::HEART_CSV.lines().next().unwrap();
    assert_eq!(
        refused(&format!("{header}\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n64,x,3,145,233,1,0,150,0,2.3,0,0,1,1\n")),
        "line 3, column 2 (`sex`): `x` is not a number"
    );
    let heart_columns = "heart.csv's columns are age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang, \
                         oldpeak, slope, ca, thal, and target";
    assert_eq!(
        refused("age,sex,id,target\n1,2,0,1\n3,4,1,0\n"),
        format!(
            "the file has no columns `cp`, `trestbps`, `chol`, `fbs`, `restecg`, `thalach`, `exang`, `oldpeak`, \
             `slope`, `ca`, `thal`, and a column `id` that is not a feature: {heart_columns}"
        )
    );
    let with_id = learner::data::HEART_CSV.lines().enumerate().map(|(row, line)| format!("{line},{row}"));
    let with_id = with_id.collect::<Vec<_>>().join("\n").replacen(",0\n", ",id\n", 1);
    assert_eq!(refused(&with_id), format!("the file has a column `id` that is not a feature: {heart_columns}"));
    // A spreadsheet's export with semicolons.
    assert!(refused(&learner::data::HEART_CSV.replace(',', ";")).contains("the file is separated by semicolons"));
    assert!(refused("63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,7\n")
        .contains("column 14 (`num`): `7` is not a diagnosis 0 to 4"));
}

/// heart.csv's rows `copies` times over (1,212 test rows at 20 copies: more than the
/// page scores after every sample).
fn big_heart_csv(copies: usize) -> String {
    let (header, rows) = learner::data::HEART_CSV.split_once('\n').unwrap();
    format!("{header}\n{}", rows.repeat(copies))
}

#[test]
fn a_big_file_is_scored_every_few_samples_and_one_pass_in_slices_replays_exactly() {
    let data = Data::load(file("big.csv", &big_heart_csv(20), Missing::DropRows)).unwrap();
    let mut state = State::start(Setup::default(), data);
    assert_eq!(state.session().curve_every(), 25);
    let samples = |state: &State| state.session().curve().iter().map(|point| point.samples).collect::<Vec<_>>();
    assert_eq!(samples(&state), [25, 50, 75, 100]);
    // A pass in slices of the sizes the page picks as it goes.
    for slice in [16, 64, 256, 1_000, 5_000] {
        state = state.apply(Action::Learn(slice));
    }
    assert_eq!((state.report.trained, state.report.remaining), (4_848, 0));
    assert_eq!(state.session().curve().len(), 4_848 / 25 + 5, "every 25 samples, and the last of each of the 5 slices");
    assert!(state.announcement.starts_with("4848 samples learned: held-out accuracy "), "{}", state.announcement);
    let draft = PatientDraft::test_patient(state.session().data(), 0);
    let restored = replay(read(&write(&state, &draft)).unwrap()).unwrap();
    assert_eq!(restored.session().snapshot(), state.session().snapshot());
    assert_eq!(restored.session().curve(), state.session().curve());
}

#[test]
fn a_file_too_big_to_keep_says_so_and_keeps_the_last_saved_session() {
    assert_eq!(app::saved::not_kept(&file("big.csv", &big_heart_csv(20), Missing::DropRows)), None, "219 KB");
    let reason = app::saved::not_kept(&file("bigger.csv", &big_heart_csv(120), Missing::DropRows)).unwrap();
    assert_eq!(
        reason,
        "Not saved in this browser: bigger.csv is 1.3 MB, and the page keeps files up to 1.0 MB with a session \
         (the last saved session is kept). Export the session to keep it."
    );
}

#[test]
fn a_session_on_a_visitors_file_is_saved_with_it_and_restored_exactly() {
    let data = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::ImputeMean)).unwrap();
    let mut state = State::start(Setup { seed: 7, hidden: vec![32, 16] }, data);
    for action in [Action::Train25, Action::Reset, Action::Train25] {
        state = state.apply(action);
    }
    let draft = PatientDraft::test_patient(state.session().data(), 2);
    let text = write(&state, &draft);
    let restored = replay(read(&text).unwrap()).unwrap();
    assert_eq!(restored.session().snapshot(), state.session().snapshot());
    assert_eq!(restored.session().curve(), state.session().curve());
    assert_eq!(&*restored.data.summary, &*state.data.summary);
    // Saved when "impute" meant the whole file's means: it would replay on other numbers.
    assert!(text.contains(r#""missing":"impute-train""#));
    let earlier = text.replacen(r#""missing":"impute-train""#, r#""missing":"impute""#, 1);
    assert!(read(&earlier).err().unwrap().starts_with("data_file.missing: `impute`, the whole file's means"));
    let tampered = text.replacen("63.0,1.0,1.0", "64.0,1.0,1.0", 1);
    assert!(read(&tampered)
        .err()
        .unwrap()
        .starts_with("it was saved on other data (processed.cleveland.data fnv1a64:"));
}
