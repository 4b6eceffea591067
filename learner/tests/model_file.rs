//! The model file: exact round trips and a clear error for every kind of bad file.

use learner::error::Error;
use learner::model_file::{ModelFile, FORMAT, VERSION};
use learner::session::Session;
use serde_json::{json, Value};

// The same tests run natively and, compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn trained_session(samples: usize) -> Session {
    let mut session = Session::heart(5).unwrap();
    session.train(samples).unwrap();
    session
}

fn file_json() -> Value {
    serde_json::from_str(&trained_session(30).model_file().to_json()).unwrap()
}

fn load_error(file: &Value) -> String {
    match ModelFile::load_json(&file.to_string()) {
        Err(Error::ModelFile(message)) => message,
        other => panic!("expected a model file error, got {other:?}"),
    }
}

#[test]
fn the_file_has_scikit_learns_layout_and_names_its_format() {
    let file = file_json();
    assert_eq!(file["format"], FORMAT);
    assert_eq!(file["version"], VERSION);
    assert_eq!(file["layer_sizes"], json!([13, 100, 1]));
    let coefs = file["coefs"].as_array().unwrap();
    assert_eq!(coefs.len(), 2);
    assert_eq!(coefs[0].as_array().unwrap().len(), 13, "coefs_[0] is fan_in x fan_out");
    assert_eq!(coefs[0][0].as_array().unwrap().len(), 100);
    assert_eq!(file["intercepts"][1].as_array().unwrap().len(), 1);
    assert_eq!(file["adam"]["t"], 30);
    assert_eq!(file["progress"], json!({"samples_seen": 30, "next_sample": 30}));
    assert_eq!(file["scaler"]["mean"].as_array().unwrap().len(), 13);
    assert_eq!(file["hyperparameters"]["alpha"], 1e-4);
}

#[test]
fn a_saved_model_loads_back_identical() {
    let session = trained_session(100);
    let loaded = ModelFile::load_json(&session.model_file().to_json()).unwrap();
    assert_eq!(&loaded.model, session.model());
    assert_eq!(&loaded.scaler, &session.data().scaler);
    assert_eq!(loaded.progress.next_sample, 100);
    assert_eq!(loaded.progress.samples_seen, 100);
}

#[test]
fn training_resumes_exactly_after_a_save_and_load() {
    let straight = trained_session(242);
    let halfway = trained_session(100);
    let mut resumed = ModelFile::load_json(&halfway.model_file().to_json()).unwrap().model;
    for index in 100..242 {
        let (x, y) = halfway.data().train_sample(index);
        resumed.learn_one(x, y).unwrap();
    }
    assert_eq!(resumed.weights(), straight.model().weights(), "bit for bit, Adam moments included");
    assert_eq!(resumed.optimizer(), straight.model().optimizer());
}

#[test]
fn text_that_is_not_json_is_reported_with_its_position() {
    let message = match ModelFile::load_json("{\"format\": ") {
        Err(Error::ModelFile(message)) => message,
        other => panic!("{other:?}"),
    };
    assert!(message.contains("line 1 column"), "{message}");
    assert!(ModelFile::load_json("").is_err());
    assert!(ModelFile::load_json("[]").is_err());
}

#[test]
fn another_format_or_version_is_refused() {
    let mut file = file_json();
    file["format"] = json!("keras");
    assert_eq!(load_error(&file), format!("format is `keras`, expected `{FORMAT}`"));
    let mut file = file_json();
    file["version"] = json!(2);
    assert_eq!(load_error(&file), "version 2 is not supported (this build reads version 1)");
}

#[test]
fn missing_and_unknown_fields_are_refused() {
    let mut file = file_json();
    file.as_object_mut().unwrap().remove("adam");
    assert!(load_error(&file).contains("missing field `adam`"));
    let mut file = file_json();
    file["extra"] = json!(1);
    assert!(load_error(&file).contains("unknown field `extra`"));
}

#[test]
fn layer_sizes_must_describe_a_binary_network() {
    for sizes in [json!([13]), json!([13, 0, 1]), json!([13, 100, 2])] {
        let mut file = file_json();
        file["layer_sizes"] = sizes.clone();
        assert!(load_error(&file).starts_with("layer_sizes must be positive"), "{sizes}");
    }
}

#[test]
fn a_huge_declared_network_is_refused_before_anything_is_allocated() {
    // 3e9 units fit a 32-bit usize (wasm32), but 13 x 3e9 weights overflow it: the count is
    // checked, not wrapped, on every target.
    let mut file = file_json();
    file["layer_sizes"] = json!([13, 3_000_000_000u64, 1]);
    file["hyperparameters"]["hidden_layer_sizes"] = json!([3_000_000_000u64]);
    assert!(load_error(&file).contains("more than"));
    // Units beyond any usize: refused on every target (on 64 bits by the same count check,
    // on wasm32 already when the number is read).
    let mut file = file_json();
    file["layer_sizes"] = json!([13, 1_000_000_000_000u64, 1]);
    file["hyperparameters"]["hidden_layer_sizes"] = json!([1_000_000_000_000u64]);
    let error = load_error(&file);
    #[cfg(target_pointer_width = "64")]
    assert!(error.contains("more than"), "{error}");
    #[cfg(not(target_pointer_width = "64"))]
    assert!(error.contains("1000000000000"), "{error}");
    let mut file = file_json();
    file["layer_sizes"] = json!([13, 800_000, 1]);
    file["hyperparameters"]["hidden_layer_sizes"] = json!([800_000]);
    assert!(load_error(&file).contains("more than 10000000 parameters"));
}

#[test]
fn hyperparameters_must_agree_and_be_valid() {
    let mut file = file_json();
    file["hyperparameters"]["hidden_layer_sizes"] = json!([50]);
    assert!(load_error(&file).contains("disagree with layer_sizes"));
    let mut file = file_json();
    file["hyperparameters"]["alpha"] = json!(-1.0);
    assert!(load_error(&file).starts_with("hyperparameters: invalid hyper-parameter: alpha"));
    let mut file = file_json();
    file["classes"] = json!([1, 2]);
    assert_eq!(load_error(&file), "classes must be [0, 1], got [1, 2]");
}

#[test]
fn every_weight_array_must_have_its_layers_shape() {
    let mut file = file_json();
    file["coefs"][0].as_array_mut().unwrap().pop();
    assert_eq!(load_error(&file), "coefs[0] has 12 rows, expected 13");
    let mut file = file_json();
    file["coefs"][1][7] = json!([0.1, 0.2]);
    assert_eq!(load_error(&file), "coefs[1][7] has 2 values, expected 1");
    let mut file = file_json();
    file["intercepts"].as_array_mut().unwrap().pop();
    assert_eq!(load_error(&file), "intercepts has 1 layers, expected 2");
    let mut file = file_json();
    file["adam"]["ms"]["intercepts"][0] = json!([]);
    assert_eq!(load_error(&file), "adam.ms.intercepts[0] has 0 values, expected 100");
}

#[test]
fn numbers_must_be_finite_and_moments_non_negative() {
    let mut file: ModelFile = serde_json::from_value(file_json()).unwrap();
    file.intercepts[0][3] = f64::NAN;
    assert_eq!(file.load().unwrap_err(), Error::ModelFile("intercepts[0] holds NaN, not a finite number".into()));

    let mut file = file_json();
    file["coefs"][0][0][0] = json!("0.5");
    assert!(load_error(&file).contains("invalid type: string"));

    let mut file = file_json();
    file["adam"]["vs"]["coefs"][0][2][5] = json!(-1e-3);
    assert_eq!(load_error(&file), "adam.vs holds -0.001: second moments cannot be negative");

    let too_big = file_json().to_string().replacen("\"t\":30", "\"t\":1e999", 1);
    assert!(ModelFile::load_json(&too_big).is_err());
}

#[test]
fn the_scaler_must_fit_the_inputs() {
    let mut file = file_json();
    file["scaler"]["mean"].as_array_mut().unwrap().pop();
    assert_eq!(load_error(&file), "scaler.mean has 12 values, expected 13");
    let mut file = file_json();
    file["scaler"]["scale"][4] = json!(0.0);
    assert_eq!(load_error(&file), "scaler.scale must be positive and scaler.var non-negative");
}

#[test]
fn deep_nesting_and_out_of_range_numbers_are_refused_with_a_reason() {
    // Nested past what the field holds: refused where the nesting starts, never a deep
    // recursion (serde_json also stops at 128 levels where anything is accepted).
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut file = file_json().to_string();
    file.insert_str(file.find("\"coefs\":[[[").unwrap() + "\"coefs\":[[[".len(), &format!("{deep},"));
    let error = ModelFile::load_json(&file).unwrap_err().to_string();
    assert!(error.starts_with("invalid model file: invalid type: sequence, expected f64"), "{error}");
    for text in [deep.clone(), format!("{{\"format\": \"online-learning-session\", \"x\": {deep}}}")] {
        let error = learner::session::load_saved_model(&text).unwrap_err().to_string();
        let refused = ["invalid type", "recursion limit exceeded", "unknown field `x`"];
        assert!(refused.iter().any(|reason| error.contains(reason)), "{error}");
    }
    let mut file = file_json().to_string();
    let first = file.find("\"coefs\":[[[").unwrap() + "\"coefs\":[[[".len();
    file.insert_str(first, "1e999,");
    let error = ModelFile::load_json(&file).unwrap_err().to_string();
    assert!(error.starts_with("invalid model file: number out of range"), "{error}");
}
