//! `cargo run --example notebook`: the original notebook's output, its options and errors.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn notebook(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "notebook", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

fn stdout(output: &Output) -> Vec<String> {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(str::to_owned).collect()
}

fn one_line_error(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr.trim_end().to_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    dir.join(name)
}

/// The one-line error of `--data` given a scratch file `name` holding `contents`.
fn data_error(name: &str, contents: impl AsRef<[u8]>) -> String {
    let path = scratch(name);
    std::fs::write(&path, contents).unwrap();
    one_line_error(&notebook(&["--data", path.to_str().unwrap()]))
}

#[test]
fn by_default_it_prints_the_original_notebooks_lines() {
    let lines = stdout(&notebook(&[]));
    assert_eq!(
        lines,
        [
            "Iters  25 :  0.6065573770491803",
            "Iters  50 :  0.7540983606557377",
            "Iters  75 :  0.7704918032786885",
            "Iters  100 :  0.8032786885245902",
            "Iters  125 :  0.8360655737704918",
            "Iters  150 :  0.8360655737704918",
            "Iters  175 :  0.8524590163934426",
            "Iters  200 :  0.8360655737704918",
            "Iters  225 :  0.819672131147541",
            "Iters  241 :  0.8360655737704918",
            "Final score:  0.8360655737704918",
        ]
    );
}

#[test]
fn seed_and_epochs_change_the_run_and_the_counter_runs_on() {
    let lines = stdout(&notebook(&["--seed", "42", "--epochs", "2"]));
    assert_eq!(lines.len(), 20 + 1, "checkpoints 25..475 and 483, then the final score");
    assert!(lines[18].starts_with("Iters  475 :  "));
    assert!(lines[19].starts_with("Iters  483 :  "));
}

#[test]
fn hidden_layers_are_the_pages_address_and_scikit_learns() {
    // tools/make_fixtures.py, workbench(): MLPClassifier(hidden_layer_sizes=(32, 16)) after
    // np.random.seed(7), its held-out accuracy after every sample; the page's ?seed=7&hidden=32,16.
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/workbench.json")).expect("the fixture reads");
    let run = fixture["runs"].as_array().unwrap().iter().find(|run| run["seed"] == 7).unwrap();
    assert_eq!(run["hidden_layer_sizes"], serde_json::json!([32, 16]));
    let held_out = run["held_out"].as_array().unwrap();
    let lines = stdout(&notebook(&["--seed", "7", "--hidden", "32,16"]));
    // "Iters i" after sample i (from 0), as the original prints it.
    for (line, i) in lines.iter().zip((25..=225).step_by(25).chain([241])) {
        assert_eq!(*line, format!("Iters  {i} :  {:?}", held_out[i].as_f64().unwrap()));
    }
    assert_eq!(lines.len(), 10 + 1, "checkpoints 25..225 and 241, then the final score");
}

#[test]
fn csv_writes_the_passs_learning_curve_as_the_page_downloads_it() {
    // The page's first run of tools/testdata/learning-curve-seed5-hidden100.csv (a pass,
    // then a Reset, ...): the same lines, byte for byte; tools/check_curve.py replays either.
    let csv = scratch("learning-curve.csv");
    let lines = stdout(&notebook(&["--csv", csv.to_str().unwrap()]));
    assert_eq!(lines.last().map(String::as_str), Some("Final score:  0.8360655737704918"), "the notebook's lines too");
    let page = include_str!("../../tools/testdata/learning-curve-seed5-hidden100.csv");
    let pass: String = page.lines().take(1 + 242).map(|line| format!("{line}\n")).collect();
    assert!(std::fs::read_to_string(&csv).unwrap() == pass, "the page's pass, line for line");
    // One pass of a new model, as the page draws it: not an imported model's, nor more passes.
    for (args, expected) in [
        (&["--csv", "x.csv", "--import", "model.json"][..], "--csv writes the learning curve of a new model's pass"),
        (
            &["--csv", "x.csv", "--epochs", "2"][..],
            "--csv writes the learning curve of one pass, as the page downloads it",
        ),
    ] {
        let error = one_line_error(&notebook(args));
        assert!(error.contains(expected), "{args:?}: {error}");
    }
}

#[test]
fn export_writes_a_model_file_that_loads() {
    let path = scratch("notebook-export.json");
    stdout(&notebook(&["--export", path.to_str().unwrap()]));
    let loaded = learner::model_file::ModelFile::load_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(loaded.progress.samples_seen, 242);
    assert_eq!(loaded.model.optimizer().t, 242);
}

#[test]
fn another_csv_can_be_given() {
    let path = scratch("tiny.csv");
    std::fs::write(&path, "x1,x2,target\n0,1,0\n1,0,1\n0,2,0\n2,0,1\n0,3,0\n3,0,1\n").unwrap();
    let lines = stdout(&notebook(&["--data", path.to_str().unwrap()]));
    assert_eq!(lines.len(), 2, "4 training rows: only the last one is a checkpoint: {lines:?}");
    assert!(lines[0].starts_with("Iters  3 :  "));
}

#[test]
fn heart_csvs_columns_in_another_order_are_found_by_name() {
    // heart.csv with its columns reversed, `target` first.
    let heart = learner::data::HEART_CSV.trim_start_matches('\u{feff}');
    let reversed: Vec<String> = heart.lines().map(|line| line.split(',').rev().collect::<Vec<_>>().join(",")).collect();
    let path = scratch("reversed-heart.csv");
    std::fs::write(&path, reversed.join("\n")).unwrap();
    let output = notebook(&["--data", path.to_str().unwrap()]);
    assert_eq!(stdout(&output), stdout(&notebook(&[])), "the original's lines");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.ends_with("reversed-heart.csv: heart.csv's columns in another order, found by name\n"), "{stderr}");
}

#[test]
fn a_broken_csv_is_a_one_line_error_naming_the_place() {
    let error = data_error("broken.csv", "a,target\n1,0\n2,zero\n");
    assert!(error.ends_with("broken.csv: line 3, column 2 (`target`): `zero` is not a number"), "{error}");
    let error = one_line_error(&notebook(&["--data", "/nonexistent/heart.csv"]));
    assert!(error.contains("/nonexistent/heart.csv"), "{error}");
}

#[test]
fn bad_options_are_one_line_errors() {
    for (args, expected) in [
        (&["--seed", "-1"][..], "--seed takes an integer from 0 to 4294967295"),
        (&["--seed", "4294967296"][..], "--seed takes an integer"),
        (&["--epochs", "0"][..], "--epochs takes a positive integer"),
        (
            &["--epochs", "99999999999999999999999"][..],
            "--epochs takes a positive integer up to 18446744073709551615, not \"99999999999999999999999\"",
        ),
        (&["--epochs"][..], "missing argument for option '--epochs'"),
        (&["--frobnicate"][..], "invalid option '--frobnicate'"),
        (&["--seed", "1", "--seed", "2"][..], "--seed is given twice: give it once"),
        (&["--hidden", "0"][..], "--hidden takes 1 to 3 sizes from 1 to 256 separated by commas (32,16), not \"0\""),
        (&["--hidden", "257"][..], "--hidden takes 1 to 3 sizes"),
        (&["--hidden", "8,8,8,8"][..], "--hidden takes 1 to 3 sizes"),
        (&["--hidden", "32,,16"][..], "--hidden takes 1 to 3 sizes"),
        (&["--hidden", "1", "--import", "model.json"][..], "--hidden shapes a new model and --import goes on"),
        // Refused, not ignored, where it has nothing to choose.
        (&["--missing", "impute"][..], "--missing chooses what becomes of a raw UCI file's missing values"),
        (&["--data", "../data/heart.csv", "--missing", "drop"][..], "in heart.csv's form, which has no missing values"),
        // Said at once, not after the run.
        (&["--export", ""][..], "--export takes a file name, not \"\""),
        (&["--csv", ""][..], "--csv takes a file name, not \"\""),
        (
            &["--csv", "out.txt", "--export", "out.txt"][..],
            "--export and --csv both name out.txt: give each its own file",
        ),
    ] {
        let error = one_line_error(&notebook(args));
        assert!(error.contains(expected), "{args:?}: {error}");
    }
}

/// A model file and a session snapshot of seed 5 after the original's first 100 samples.
fn saved_after_100() -> (String, String) {
    let mut session = learner::session::Session::heart(5).unwrap();
    session.train(100).unwrap();
    (session.model_file().to_json(), serde_json::to_string(&session.snapshot()).unwrap())
}

#[test]
fn import_goes_on_from_a_saved_model_with_the_notebooks_own_numbers() {
    let uninterrupted = stdout(&notebook(&[]));
    let (model_file, snapshot) = saved_after_100();
    for (name, text) in [("after-100.model.json", model_file), ("after-100.session.json", snapshot)] {
        let path = scratch(name);
        std::fs::write(&path, text).unwrap();
        let lines = stdout(&notebook(&["--import", path.to_str().unwrap()]));
        // The notebook's lines from its counter 100 on (the 101st sample, the first one the
        // saved model has not learned): 100, 125, ..., 241 and the final score.
        assert_eq!(lines[0], "Iters  100 :  0.8032786885245902");
        assert_eq!(lines, uninterrupted[3..], "{name}");
    }
}

#[test]
fn a_model_saved_at_the_end_of_a_pass_goes_on_with_the_next_one() {
    // The page's state when no samples remain: next_sample is the training split's length.
    let two_passes = stdout(&notebook(&["--epochs", "2"]));
    let mut session = learner::session::Session::heart(5).unwrap();
    session.train(242).unwrap();
    assert_eq!(session.remaining(), 0);
    let (saved, exported) = (scratch("end-of-pass.json"), scratch("end-of-pass-out.json"));
    std::fs::write(&saved, session.model_file().to_json()).unwrap();
    let lines = stdout(&notebook(&["--import", saved.to_str().unwrap(), "--export", exported.to_str().unwrap()]));
    // The second pass of `--epochs 2`, line for line: 250, 275, ..., 475, 483 and the score.
    assert_eq!(lines[0], "Iters  250 :  0.8524590163934426");
    assert_eq!(lines, two_passes[two_passes.len() - lines.len()..]);
    assert_eq!(lines.len(), 12);
    let loaded = learner::model_file::ModelFile::load_json(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!((loaded.progress.samples_seen, loaded.progress.next_sample), (484, 0));
}

#[test]
fn import_then_export_round_trips() {
    let (model_file, _) = saved_after_100();
    let (saved, exported) = (scratch("resume-in.json"), scratch("resume-out.json"));
    std::fs::write(&saved, model_file).unwrap();
    stdout(&notebook(&["--import", saved.to_str().unwrap(), "--epochs", "2", "--export", exported.to_str().unwrap()]));
    let loaded = learner::model_file::ModelFile::load_json(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(loaded.progress.samples_seen, 100 + 142 + 242, "the rest of the pass, then one more");
    assert_eq!(loaded.progress.next_sample, 0);
}

#[test]
fn a_bad_file_to_import_is_a_one_line_error_naming_the_field() {
    let (model_file, snapshot) = saved_after_100();
    let mut value: serde_json::Value = serde_json::from_str(&model_file).unwrap();
    value["coefs"][0][2] = serde_json::json!([1.0, 2.0]);
    let mut other_version: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    other_version["version"] = serde_json::json!(7);
    let mut other_data: serde_json::Value = serde_json::from_str(&model_file).unwrap();
    other_data["scaler"]["mean"][0] = serde_json::json!(50.0);
    for (name, text, expected) in [
        ("shape.json", value.to_string(), "invalid model file: coefs[0][2] has 2 values, expected 100"),
        (
            "version.json",
            other_version.to_string(),
            "cannot restore the session: version 7 is not supported (this build reads versions 1 and 2)",
        ),
        ("other-data.json", other_data.to_string(), "its scaler is not this data's (StandardScaler fitted on all"),
        ("not-json.json", "{\"format\": ".to_owned(), "invalid model file: EOF while parsing"),
        (
            "nan.json",
            model_file.replacen("\"alpha\":0.0001", "\"alpha\":NaN", 1),
            "invalid model file: NaN is not a JSON number (a saved file holds finite numbers only) at line 1 column",
        ),
        (
            "snapshot-nan.json",
            snapshot.replacen("\"alpha\":0.0001", "\"alpha\":-Infinity", 1),
            "cannot restore the session: Infinity is not a JSON number",
        ),
        ("array.json", format!("[{model_file}]"), "invalid model file: the file is a JSON array, where a saved file"),
    ] {
        let path = scratch(name);
        std::fs::write(&path, text).unwrap();
        let error = one_line_error(&notebook(&["--import", path.to_str().unwrap()]));
        assert!(error.contains(&format!("{name}: ")) && error.contains(expected), "{name}: {error}");
    }
    // A byte-order mark, which some editors write, is skipped.
    let marked = scratch("marked.json");
    std::fs::write(&marked, format!("\u{feff}{model_file}")).unwrap();
    assert_eq!(stdout(&notebook(&["--import", marked.to_str().unwrap()]))[0], "Iters  100 :  0.8032786885245902");
    let error = one_line_error(&notebook(&["--import", "x.json", "--seed", "3"]));
    assert!(error.contains("give one of them"), "{error}");
}

#[test]
fn the_raw_uci_files_are_read_recoded_with_their_missing_values_dropped_or_imputed() {
    let uci = |name: &str| format!("{}/../data/uci/processed.{name}.data", env!("CARGO_MANIFEST_DIR"));
    let output = notebook(&["--data", &uci("cleveland")]);
    let lines = stdout(&output);
    assert_eq!(lines.last().unwrap(), "Final score:  0.7833333333333333");
    let note = String::from_utf8(output.stderr).unwrap();
    assert!(note.contains("UCI's raw form, recoded to heart.csv's codes: 303 rows read, 6 dropped"), "{note}");

    let output = notebook(&["--data", &uci("switzerland"), "--missing", "impute"]);
    stdout(&output);
    assert!(String::from_utf8(output.stderr).unwrap().contains("123 rows read, 0 dropped"));
    let error = one_line_error(&notebook(&["--data", &uci("switzerland")]));
    assert!(error.ends_with("processed.switzerland.data: every one of the 123 rows misses a value: impute them instead of dropping them"), "{error}");
    // Hungary's file keeps one complete row of 294 (`ca`, `thal` and `slope` are mostly
    // missing there): the refusal says so and what to do, rather than that one row is too
    // few to split.
    let error = one_line_error(&notebook(&["--data", &uci("hungarian")]));
    assert!(error.ends_with("processed.hungarian.data: only one of the 294 rows has every value: too few to split into a training and a test set; impute the missing values instead of dropping the rows"), "{error}");
    let output = notebook(&["--data", &uci("hungarian"), "--missing", "impute"]);
    stdout(&output);
    assert!(String::from_utf8(output.stderr).unwrap().contains("294 rows read, 0 dropped"));
    let error = one_line_error(&notebook(&["--missing", "guess"]));
    assert!(error.contains("--missing takes drop or impute"), "{error}");

    let error = data_error("bad.data", "63,1,1,145,233,1,2,150,0,2.3,3,0,6,0\n63,1,9,145,233,1,2,150,0,2.3,3,0,6,0\n");
    assert!(error.ends_with("bad.data: line 2, column 3 (`cp`): `9` is not one of UCI's codes for it (heart.csv's form needs its header line)"), "{error}");
}

/// The stream `written` by the command equal to the page-made file `testdata` (in
/// tools/testdata/, which tools/check_stream.py holds against scikit-learn and River): both
/// runs, every patient, as the streams page downloads them. Every field the same but the
/// probabilities' last digit: the page's wasm sums the forward pass two lanes at a time, this
/// build four (AVX2) or one.
fn assert_equal_to_the_pages(written: &Path, testdata: &str) {
    let written = std::fs::read_to_string(written).unwrap();
    let testdata = format!("{}/../tools/testdata/{testdata}", env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(testdata).unwrap();
    assert_eq!(written.lines().count(), page.lines().count());
    assert_eq!(written.lines().next(), Some(learner::hospitals::STREAM_CSV_HEADER));
    for (line, (ours, theirs)) in written.lines().zip(page.lines()).enumerate().skip(1) {
        let (ours, theirs): (Vec<&str>, Vec<&str>) = (ours.split(',').collect(), theirs.split(',').collect());
        let probability = |fields: &[&str]| fields[4].parse::<f64>().unwrap();
        assert!(
            (probability(&ours) - probability(&theirs)).abs() <= 1e-15,
            "line {}: {ours:?}, the page {theirs:?}",
            line + 1
        );
        assert_eq!([&ours[..4], &ours[5..]], [&theirs[..4], &theirs[5..]], "line {}", line + 1);
    }
}

#[test]
fn the_four_hospitals_stream_prints_the_accuracy_and_the_drifts_of_both_policies() {
    let csv = scratch("four-hospitals.csv");
    let lines = stdout(&notebook(&["--stream", "hospitals", "--csv", csv.to_str().unwrap()]));
    assert_equal_to_the_pages(&csv, "four-hospitals-seed5-hidden100.csv");
    assert_eq!(lines[0], "Four hospitals as one stream, seed 5: 920 patients, each predicted, then learned");
    // The detections are River's on scikit-learn's error stream (learner/src/hospitals.rs).
    let drifts: Vec<&String> = lines.iter().filter(|line| line.starts_with("drift at ")).collect();
    assert_eq!(
        drifts,
        [
            "drift at patient 480 (Hungary), keep learning: ADWIN",
            "drift at patient 480 (Hungary), new model at each drift: ADWIN, a new model from the next patient",
            "drift at patient 672 (Switzerland), keep learning: ADWIN",
        ]
    );
    let site_ends: Vec<&str> =
        ["    303  Cleveland", "    597  Hungary", "    720  Switzerland", "    920  VA Long Beach"].to_vec();
    for end in site_ends {
        assert!(lines.iter().any(|line| line.starts_with(end)), "a line at {end}");
    }
    assert_eq!(
        lines[lines.len() - 3..],
        [
            "    920  VA Long Beach  0.81630, 0.80000 | 0.84239, 0.78000",
            "Page-Hinkley, keep learning: no detection; its tests peaked at 42.0 against the threshold of 50 \
             (patient 491, Hungary, as the errors fell)",
            "Page-Hinkley, new model at each drift: no detection; its tests peaked at 46.9 against the threshold of \
             50 (patient 717, Switzerland, as the errors fell)",
        ]
    );

    // Another network, as the streams page's address gives it: named in the first line.
    let lines = stdout(&notebook(&["--stream", "hospitals", "--seed", "42", "--hidden", "32,16"]));
    assert_eq!(
        lines[0],
        "Four hospitals as one stream, seed 42, hidden layers 32,16: 920 patients, each predicted, then learned"
    );

    let error = one_line_error(&notebook(&["--stream"]));
    assert!(error.contains("--stream takes hospitals (the built-in stream) or your files"), "{error}");
    let error = one_line_error(&notebook(&["--stream", "hospitals", "--data", "x.csv"]));
    assert!(error.contains("not with --data"), "{error}");
    // Into a folder that is missing: said before the run.
    let missing = scratch("no-such-folder/four-hospitals.csv");
    let error = one_line_error(&notebook(&["--stream", "hospitals", "--csv", missing.to_str().unwrap()]));
    assert!(error.ends_with("no-such-folder/four-hospitals.csv: No such file or directory (os error 2)"), "{error}");
    // Options only the notebook's run reads are refused, not ignored.
    for (option, args) in [
        ("--epochs", &["--epochs", "2", "--stream", "hospitals"][..]),
        ("--missing", &["--stream", "hospitals", "--missing", "drop"][..]),
        ("--flush-subnormals", &["--stream", "hospitals", "--flush-subnormals"][..]),
    ] {
        let error = one_line_error(&notebook(args));
        assert_eq!(
            error,
            format!("error: --stream is one exact pass with the missing values filled in: not with {option}")
        );
    }
}

#[test]
fn a_visitors_files_stream_as_sites_in_the_order_of_their_names_as_on_the_streams_page() {
    // The streams page's "Your own stream" test's files: UCI's Switzerland and VA files and
    // heart.csv, named to be taken 1-, 2-, 3-, given here in another order.
    let folder = scratch("own-stream");
    std::fs::create_dir_all(&folder).unwrap();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/");
    let mut files = Vec::new();
    for (name, source) in [
        ("2-va.data", "uci/processed.va.data"),
        ("3-heart.csv", "heart.csv"),
        ("1-switzerland.data", "uci/processed.switzerland.data"),
    ] {
        std::fs::copy(format!("{data}{source}"), folder.join(name)).unwrap();
        files.push(folder.join(name).to_str().unwrap().to_owned());
    }
    let csv = scratch("own-stream.csv");
    let mut args = vec!["--stream"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--csv", csv.to_str().unwrap()]);
    let lines = stdout(&notebook(&args));
    assert_eq!(
        lines[0],
        "Your files (1-switzerland.data, 2-va.data, 3-heart.csv) as one stream, seed 5: 626 patients, each predicted, \
         then learned"
    );
    // A line at each site's last patient, named by its file.
    for end in ["    123  1-switzerland.data", "    323  2-va.data", "    626  3-heart.csv"] {
        assert!(lines.iter().any(|line| line.starts_with(end)), "a line at {end}: {lines:#?}");
    }
    // Both runs as the page downloads them (its file, which tools/check_stream.py --data replays).
    assert_equal_to_the_pages(&csv, "own-stream-seed5-hidden100.csv");

    // Numbers in names by their value, as a person reads them: 9- before 10-.
    let (nine, ten) = (folder.join("9-va.data"), folder.join("10-switzerland.data"));
    std::fs::copy(format!("{data}uci/processed.va.data"), &nine).unwrap();
    std::fs::copy(format!("{data}uci/processed.switzerland.data"), &ten).unwrap();
    let lines = stdout(&notebook(&["--stream", ten.to_str().unwrap(), nine.to_str().unwrap()]));
    assert!(lines[0].starts_with("Your files (9-va.data, 10-switzerland.data) as one stream"), "{}", lines[0]);

    // A file that does not read is named, with the reader's line and column.
    let bad = folder.join("bad.csv");
    std::fs::write(&bad, "age,sex\n63,x\n").unwrap();
    let error = one_line_error(&notebook(&["--stream", &files[0], bad.to_str().unwrap()]));
    assert_eq!(error, "error: bad.csv: the header has no `target` column (it has: `age`, `sex`)");
    // A byte that is not UTF-8 too, where it is.
    let latin1 = folder.join("latin1.csv");
    std::fs::write(&latin1, b"age,sex,cp,trestbps,chol,fbs,restecg,thalach,exang,oldpeak,slope,ca,thal,target\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n6\xe9,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n").unwrap();
    let error = one_line_error(&notebook(&["--stream", latin1.to_str().unwrap()]));
    assert_eq!(error, "error: latin1.csv: line 3, column 1: the file is not valid UTF-8");
    // Two files of one name, from two folders: the sites are named by their files, refused.
    std::fs::create_dir_all(folder.join("again")).unwrap();
    let again = folder.join("again").join("2-va.data");
    std::fs::copy(format!("{data}uci/processed.switzerland.data"), &again).unwrap();
    let error = one_line_error(&notebook(&["--stream", &files[0], again.to_str().unwrap()]));
    assert_eq!(error, "error: two files are named `2-va.data`, and each site is named by its file: rename one");
    let missing = folder.join("missing.csv");
    let error = one_line_error(&notebook(&["--stream", missing.to_str().unwrap()]));
    assert!(error.ends_with("missing.csv: No such file or directory (os error 2)"), "{error}");
    let error = one_line_error(&notebook(&["--stream", &files[0], "--import", "model.json"]));
    assert!(error.contains("not with --data, --import or --export"), "{error}");
}

#[test]
fn flushing_subnormals_prints_the_same_lines() {
    assert_eq!(stdout(&notebook(&["--flush-subnormals", "--epochs", "3"])), stdout(&notebook(&["--epochs", "3"])));
}

#[test]
fn csv_errors_name_the_line_the_file_has_them_on_whatever_its_line_endings() {
    for (ending, name) in [("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")] {
        for (lines, expected) in [
            (&["a,target", "1,0", "x,1"][..], "line 3, column 1 (`a`): `x` is not a number"),
            (&["a,target", "x,0", "1,1"][..], "line 2, column 1 (`a`): `x` is not a number"),
            (&["a,target", "1,0", "", "1,2"][..], "line 4, column 2 (`target`): `2` is not a class label 0 or 1"),
            (
                &["63,1,1,145,233,1,2,150,0,2.3,3,0,6,0", "63,1,9,145,233,1,2,150,0,2.3,3,0,6,0"][..],
                "line 2, column 3 (`cp`): `9` is not one of UCI's codes for it (heart.csv's form needs its header line)",
            ),
        ] {
            let error = data_error(&format!("endings-{name}.csv"), lines.iter().map(|line| format!("{line}{ending}")).collect::<String>());
            assert!(error.ends_with(&format!("endings-{name}.csv: {expected}")), "{name}: {error}");
        }
    }
    // heart.csv's own CRLF: a bad value on its first row is on line 2, not the header's.
    let heart = learner::data::HEART_CSV;
    let error = data_error("heart-broken.csv", heart.replacen("\r\n63,", "\r\nsixty-three,", 1));
    assert!(error.ends_with("heart-broken.csv: line 2, column 1 (`age`): `sixty-three` is not a number"), "{error}");
}

#[test]
fn a_csv_that_is_not_utf8_or_too_small_is_named_with_the_place() {
    let error = data_error("latin1.csv", b"a,target\n1,0\n2,1\n\xe9t\xe9,0\n");
    assert!(error.ends_with("latin1.csv: line 4, column 1: the file is not valid UTF-8"), "{error}");
    let error = data_error("one-row.csv", "a,target\n1,0\n");
    assert!(
        error.ends_with("one-row.csv: the data set has 1 sample: too few to split into a training and a test set"),
        "{error}"
    );
    let path = scratch("latin1.json");
    std::fs::write(&path, b"{\"format\":\n \"\xe9\"}").unwrap();
    let error = one_line_error(&notebook(&["--import", path.to_str().unwrap()]));
    assert!(error.ends_with("latin1.json: the file is not valid UTF-8 at line 2 column 3"), "{error}");
}

#[test]
fn help_prints_the_usage_to_stdout() {
    for flag in ["--help", "-h"] {
        let lines = stdout(&notebook(&[flag]));
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("usage: notebook [--seed N]"), "{lines:?}");
    }
}

#[test]
fn fields_the_format_does_not_have_or_counts_past_2_to_the_53_are_refused() {
    let (model_file, snapshot) = saved_after_100();
    let edited = |text: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
        edit(&mut value);
        value.to_string()
    };
    for (name, text, expected) in [
        (
            "activation.json",
            edited(&model_file, &|v| v["hyperparameters"]["activation"] = "tanh".into()),
            "invalid model file: hyperparameters: unknown field `activation`, expected one of `hidden_layer_sizes`",
        ),
        (
            "no-batch-size.json",
            edited(&model_file, &|v| drop(v["hyperparameters"].as_object_mut().unwrap().remove("batch_size"))),
            "invalid model file: hyperparameters: missing field `batch_size`",
        ),
        (
            "scaler-extra.json",
            edited(&model_file, &|v| v["scaler"]["with_mean"] = true.into()),
            "invalid model file: scaler: unknown field `with_mean`",
        ),
        (
            "stream-extra.json",
            edited(&snapshot, &|v| v["stream"]["legacy"] = 1.into()),
            "cannot restore the session: stream: unknown field `legacy`",
        ),
        // A value of the wrong type, or out of its type's range, named by its place.
        (
            "string-weight.json",
            edited(&model_file, &|v| v["coefs"][0][3][7] = "1".into()),
            "invalid model file: coefs[0][3][7]: invalid type: string \"1\", expected a number at line 1 column ",
        ),
        (
            "string-version.json",
            edited(&model_file, &|v| v["version"] = "1".into()),
            "invalid model file: version: invalid type: string \"1\", expected a whole number from 0 to 4294967295 at line 1 column ",
        ),
        (
            "negative-count.json",
            edited(&model_file, &|v| v["progress"]["samples_seen"] = (-5).into()),
            "invalid model file: progress.samples_seen: invalid value: integer `-5`, expected a whole number, 0 or more",
        ),
        (
            "huge-weight.json",
            edited(&model_file, &|v| v["intercepts"][1][0] = 12345.5.into()).replace("12345.5", "1e999"),
            "invalid model file: intercepts[1][0]: number out of range at line 1 column ",
        ),
        (
            "snapshot-weight.json",
            edited(&snapshot, &|v| v["model"]["adam"]["vs"]["coefs"][1][4][0] = serde_json::Value::Null),
            "cannot restore the session: model.adam.vs.coefs[1][4][0]: invalid type: null, expected a number",
        ),
        (
            "wraps.json",
            model_file.replace("\"samples_seen\":100", "\"samples_seen\":18446744073709551615"),
            "invalid model file: progress.samples_seen is 18446744073709551615, more than 2^53 = 9007199254740992, \
             the largest count a JSON number holds exactly",
        ),
    ] {
        let path = scratch(name);
        std::fs::write(&path, text).unwrap();
        let error = one_line_error(&notebook(&["--import", path.to_str().unwrap()]));
        assert!(error.contains(&format!("{name}: {expected}")), "{name}: {error}");
    }
}

#[test]
fn a_model_that_overflowed_is_not_exported() {
    // A weight of 1e300: learning from it overflows Adam's second moment. The command says
    // so in one line and writes nothing, rather than a file with `null`s import refuses.
    let (model_file, _) = saved_after_100();
    let mut value: serde_json::Value = serde_json::from_str(&model_file).unwrap();
    value["coefs"][0][0][0] = serde_json::json!(1e300);
    let (big, out) = (scratch("big.json"), scratch("big-out.json"));
    std::fs::write(&big, value.to_string()).unwrap();
    let _ = std::fs::remove_file(&out);
    let output = notebook(&["--import", big.to_str().unwrap(), "--export", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ")
            && stderr.trim_end().ends_with(
                "big-out.json: the model cannot be written: `adam.vs.coefs[0][0][0]` is inf, not a finite number (a \
                 value overflowed while learning)"
            ),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn weights_that_overflow_stop_the_run_where_scikit_learn_stops() {
    // A learning rate of 1e300 imported: scikit-learn's next partial_fit raises "Solver
    // produced non-finite parameter weights"; the command prints no line for a checkpoint
    // whose weights are not finite, says so in one line and exits 2. (Checked by hand with
    // scikit-learn 1.9.1 on 2026-12-08, the file given to `tools/sklearn_io.py`'s
    // `to_sklearn`: the score 0.4426229508196721 after sample 100, the exception at 101.)
    let (model_file, _) = saved_after_100();
    let mut value: serde_json::Value = serde_json::from_str(&model_file).unwrap();
    value["hyperparameters"]["learning_rate_init"] = serde_json::json!(1e300);
    let path = scratch("rate-1e300.json");
    std::fs::write(&path, value.to_string()).unwrap();
    let output = notebook(&["--import", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    // The first step's weights are huge but finite: its checkpoint is printed, as scikit-learn's.
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "Iters  100 :  0.4426229508196721\n");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.trim_end().ends_with(
            "rate-1e300.json: a value overflowed while learning, after sample 100 and by sample 125: the weights are \
             not all finite, where scikit-learn's partial_fit stops (\"Solver produced non-finite parameter weights\")"
        ),
        "{stderr}"
    );
}

#[test]
fn epochs_whose_steps_overflow_the_counter_are_refused() {
    for epochs in ["9223372036854775808", "9223372036854775809", "18446744073709551615"] {
        let error = one_line_error(&notebook(&["--epochs", epochs]));
        assert_eq!(
            error,
            format!("error: {epochs} passes over 242 training samples are more steps than the samples' counter holds")
        );
    }
}

#[test]
fn a_closed_pipe_ends_the_printing_not_the_run_and_the_export_is_written() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let out = scratch("after-a-closed-pipe.json");
    let _ = std::fs::remove_file(&out);
    // `notebook --epochs 300 --export FILE | head -1`: the reader goes after the first line.
    let mut child = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "notebook", "--", "--epochs", "300", "--export"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert_eq!(first, "Iters  25 :  0.6065573770491803\n");
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}: {}", output.status, String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    let exported = std::fs::read_to_string(&out).unwrap();
    let loaded = learner::model_file::ModelFile::load_json(&exported).unwrap();
    assert_eq!(loaded.model.samples_seen(), 300 * 242, "the whole run, exported");
}

#[test]
fn a_full_output_is_an_error_after_the_export() {
    let out = scratch("beside-a-full-output.json");
    let _ = std::fs::remove_file(&out);
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "notebook", "--", "--export"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: cannot write the output: No space left on device"), "{stderr}");
    assert!(out.exists(), "the export is written all the same");
}

#[test]
fn an_export_never_leaves_a_partial_file_and_its_folder_is_checked_first() {
    // The folder missing, or a folder given: said before the run, which prints nothing.
    let missing = scratch("no-such-folder/model.json");
    let error = one_line_error(&notebook(&["--export", missing.to_str().unwrap()]));
    assert!(error.ends_with("no-such-folder/model.json: No such file or directory (os error 2)"), "{error}");
    let folder = scratch("");
    let error = one_line_error(&notebook(&["--export", folder.to_str().unwrap()]));
    assert!(error.ends_with(": is a directory"), "{error}");
    // A write that fails (a file size limit of 40 KB): the file already there is kept as it
    // was, and no temporary file is left beside it.
    let kept = scratch("kept/model.json");
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    std::fs::write(&kept, "the model file kept").unwrap();
    // The example as `cargo test` builds it (the limit would stop `cargo run`'s own writes).
    let binary = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../debug/examples/notebook");
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f 40; exec '{}' --export '{}'", binary.display(), kept.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("model.json: File too large"));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "the model file kept");
    assert_eq!(std::fs::read_dir(kept.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
}

#[cfg(unix)]
#[test]
fn an_export_writes_through_a_link_into_a_pipe_and_keeps_the_files_mode() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let folder = scratch("export-kinds");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    // A link: the file it names is written, and the link stays a link.
    let (real, link) = (folder.join("real.json"), folder.join("link.json"));
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    stdout(&notebook(&["--export", link.to_str().unwrap()]));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link kept");
    assert!(std::fs::read_to_string(&real).unwrap().contains("\"format\""), "the file it names written");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600, "with the mode it had");
    // A link to no file yet: the file is made where it points.
    let (ahead, dangling) = (folder.join("ahead.csv"), folder.join("dangling.csv"));
    std::os::unix::fs::symlink("ahead.csv", &dangling).unwrap();
    stdout(&notebook(&["--csv", dangling.to_str().unwrap()]));
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&ahead).unwrap().starts_with("run,samples,"));
    // A named pipe: its reader gets the file, and the pipe stays a pipe.
    let pipe = folder.join("pipe.csv");
    assert!(Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read_to_string(pipe).unwrap())
    };
    stdout(&notebook(&["--csv", pipe.to_str().unwrap()]));
    assert_eq!(reader.join().unwrap(), std::fs::read_to_string(&ahead).unwrap());
    assert!(std::fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
}

#[test]
fn a_value_quoted_back_keeps_the_error_on_one_line() {
    // A quoted field with a newline, and an escape sequence: written as escapes.
    let error = data_error("newline-in-a-field.csv", "age,cp,target\n1,\"x\ny\u{1b}[31m\",1\n3,4,0\n");
    assert!(error.ends_with("line 2, column 2 (`cp`): `x\\ny\\u{1b}[31m` is not a number"), "{error}");
}

#[test]
fn a_raw_uci_file_with_a_byte_order_mark_is_read_as_without() {
    let path = scratch("cleveland-marked.data");
    let cleveland = std::fs::read_to_string("../data/uci/processed.cleveland.data").unwrap();
    std::fs::write(&path, format!("\u{feff}{cleveland}")).unwrap();
    let marked = notebook(&["--data", path.to_str().unwrap()]);
    assert_eq!(stdout(&marked), stdout(&notebook(&["--data", "../data/uci/processed.cleveland.data"])));
}

#[test]
fn a_file_that_never_ends_or_is_over_256_mib_is_refused_at_the_limit() {
    for option in ["--data", "--import"] {
        let error = one_line_error(&notebook(&[option, "/dev/zero"]));
        assert_eq!(error, "error: /dev/zero: more than 256 MiB, more than the notebook reads");
    }
    // One byte over, in a sparse file that takes no room on the disk.
    let path = scratch("huge.csv");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len((1 << 28) + 1).unwrap();
    let error = one_line_error(&notebook(&["--data", path.to_str().unwrap()]));
    assert!(error.ends_with("huge.csv: more than 256 MiB, more than the notebook reads"), "{error}");
    std::fs::remove_file(&path).unwrap();
}
