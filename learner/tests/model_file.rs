//! The model file: exact round trips and a clear error for every kind of bad file.

use learner::error::Error;
use learner::model_file::{ModelFile, FORMAT, VERSION};
use learner::session::{load_saved_model, Session};
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
fn a_byte_order_mark_is_skipped_and_an_array_or_nan_is_named() {
    let text = trained_session(30).model_file().to_json();
    // Saved by an editor that marks its UTF-8 (the page's and Node's readers drop the mark).
    let marked = format!("\u{feff}{text}");
    assert_eq!(ModelFile::load_json(&marked).unwrap(), ModelFile::load_json(&text).unwrap());
    assert_eq!(load_saved_model(&marked).unwrap(), load_saved_model(&text).unwrap());

    // The fields in order as an array, which serde alone would read as the object.
    let file = file_json();
    let fields = ["format", "version", "layer_sizes", "classes", "hyperparameters", "coefs", "intercepts", "adam"];
    let mut positional: Vec<Value> = fields.iter().map(|field| file[field].clone()).collect();
    positional.extend([file["scaler"].clone(), file["progress"].clone()]);
    let refused = "the file is a JSON array, where a saved file is an object of named fields, `{...}`";
    for reader in [|text: &str| ModelFile::load_json(text).map(drop), |text: &str| load_saved_model(text).map(drop)] {
        assert_eq!(reader(&Value::Array(positional.clone()).to_string()), Err(Error::ModelFile(refused.into())));
    }

    // Python's json.dump writes NaN and Infinity unless told allow_nan=False: named, placed.
    for (token, written) in [("NaN", "NaN"), ("Infinity", "Infinity"), ("Infinity", "-Infinity")] {
        let edited = text.replacen("\"alpha\":0.0001", &format!("\"alpha\":{written}"), 1);
        let column = edited.find(&format!(":{written}")).unwrap() + 2;
        let expected =
            format!("{token} is not a JSON number (a saved file holds finite numbers only) at line 1 column {column}");
        assert_eq!(ModelFile::load_json(&edited), Err(Error::ModelFile(expected.clone())));
        let snapshot = trained_session(30).snapshot().to_json().unwrap().replacen(
            "\"alpha\":0.0001",
            &format!("\"alpha\":{written}"),
            1,
        );
        let error = load_saved_model(&snapshot).unwrap_err().to_string();
        assert!(error.starts_with(&format!("cannot restore the session: {token} is not a JSON number")), "{error}");
    }
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
    assert!(load_error(&file).contains("more than 5000000 parameters"));
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
    assert_eq!(load_error(&file), "intercepts has 1 layer, expected 2");
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
    // Named where it is (the first `"coefs":[[[` of the text is Adam's first moment's).
    assert!(
        error.starts_with("invalid model file: adam.ms.coefs[0][0][0]: invalid type: an array, expected a number"),
        "{error}"
    );
    for text in [deep.clone(), format!("{{\"format\": \"online-learning-session\", \"x\": {deep}}}")] {
        let error = learner::session::load_saved_model(&text).unwrap_err().to_string();
        let refused = ["is a JSON array", "recursion limit exceeded", "unknown field `x`"];
        assert!(refused.iter().any(|reason| error.contains(reason)), "{error}");
    }
    let mut file = file_json().to_string();
    let first = file.find("\"coefs\":[[[").unwrap() + "\"coefs\":[[[".len();
    file.insert_str(first, "1e999,");
    let error = ModelFile::load_json(&file).unwrap_err().to_string();
    assert!(error.starts_with("invalid model file: adam.ms.coefs[0][0][0]: number out of range"), "{error}");
}

#[test]
fn unknown_fields_inside_the_hyperparameters_and_the_scaler_are_refused_by_name() {
    for (object, field) in
        [("hyperparameters", "activation"), ("scaler", "with_std"), ("adam", "beta"), ("progress", "epoch")]
    {
        let mut file = file_json();
        file[object][field] = json!("tanh");
        let error = load_error(&file);
        assert!(error.starts_with(&format!("{object}: unknown field `{field}`, expected ")), "{error}");
    }
    // `flush_subnormals` is how a build computes, never in a file.
    let mut file = file_json();
    file["hyperparameters"]["flush_subnormals"] = json!(true);
    assert!(load_error(&file).starts_with("hyperparameters: unknown field `flush_subnormals`"));
}

#[test]
fn every_field_inside_the_hyperparameters_and_the_scaler_is_required() {
    // `batch_size` too: `null` is "auto", a missing one is refused as any missing field is.
    for (object, field) in
        [("hyperparameters", "batch_size"), ("hyperparameters", "shuffle"), ("scaler", "n_samples_seen")]
    {
        let mut file = file_json();
        file[object].as_object_mut().unwrap().remove(field);
        let error = load_error(&file);
        assert!(error.starts_with(&format!("{object}: missing field `{field}`")), "{error}");
    }
    let mut file = file_json();
    assert_eq!(file["hyperparameters"]["batch_size"], Value::Null, "written, as null");
    file["hyperparameters"]["batch_size"] = json!(10);
    assert_eq!(ModelFile::load_json(&file.to_string()).unwrap().model.params().batch_size(), Some(10));
}

#[test]
fn counts_past_2_to_the_53_are_refused_before_they_can_wrap() {
    const MAX: u64 = 1 << 53;
    assert_eq!(learner::model_file::MAX_COUNT, MAX);
    for (object, field) in
        [("progress", "samples_seen"), ("adam", "t"), ("progress", "next_sample"), ("scaler", "n_samples_seen")]
    {
        for count in [MAX + 1, u64::MAX] {
            let mut file = file_json();
            file[object][field] = json!(count);
            if usize::BITS < 64 && matches!(field, "next_sample" | "n_samples_seen") {
                // A count held in a usize: on wasm32 serde refuses it first, at its place.
                assert!(
                    load_error(&file).contains("expected a whole number, 0 or more at line 1 column"),
                    "{}",
                    load_error(&file)
                );
                continue;
            }
            assert_eq!(
                load_error(&file),
                format!(
                    "{object}.{field} is {count}, more than 2^53 = 9007199254740992, the largest count a JSON number \
                     holds exactly"
                )
            );
        }
    }
    // 2^53 itself is read, and one more step is refused when written, not wrapped.
    let mut file = file_json();
    file["progress"]["samples_seen"] = json!(MAX);
    let mut model = ModelFile::load_json(&file.to_string()).unwrap().model;
    assert_eq!(model.samples_seen(), MAX);
    let session = trained_session(30);
    let (x, y) = session.data().train_sample(30);
    model.learn_one(x, y).unwrap();
    assert_eq!(model.samples_seen(), MAX + 1, "counted on, not wrapped to 0");
    let written = ModelFile::new(&model, &session.data().scaler, 31).write_json().unwrap_err();
    assert!(
        matches!(&written, Error::Unwritable(reason) if reason.starts_with("progress.samples_seen is 9007199254740993")),
        "{written}"
    );
}

#[test]
fn what_is_written_loads_back_a_scaler_of_another_width_or_an_impossible_network_is_not_written() {
    let session = trained_session(30);
    let written = |file: &ModelFile| file.write_json().map_err(|e| e.to_string());
    // A scaler of another model's width, given to `ModelFile::new`.
    let mut narrow = session.data().scaler.clone();
    for values in [&mut narrow.mean, &mut narrow.var, &mut narrow.scale] {
        values.pop();
    }
    let file = ModelFile::new(session.model(), &narrow, 30);
    assert_eq!(written(&file), Err("the model cannot be written: scaler.mean has 12 values, expected 13".to_owned()));
    // A scale of zero, which would divide by zero.
    let mut flat = session.data().scaler.clone();
    flat.scale[4] = 0.0;
    let file = ModelFile::new(session.model(), &flat, 30);
    assert_eq!(
        written(&file),
        Err("the model cannot be written: scaler.scale must be positive and scaler.var non-negative".to_owned())
    );
    // Layers that loading refuses, whatever the numbers.
    for (units, reason) in [
        (
            vec![0, 100, 1],
            "layer_sizes must be positive, at least an input and the single output unit, got [0, 100, 1]",
        ),
        (vec![2_500_000, 100, 1], "layer_sizes [2500000, 100, 1] declare more than 5000000 parameters"),
    ] {
        let mut file = session.model_file();
        file.layer_sizes = units;
        assert_eq!(written(&file), Err(format!("the model cannot be written: {reason}")));
    }
    // And what is written loads.
    let text = session.model_file().write_json().unwrap();
    assert!(ModelFile::load_json(&text).is_ok());
}

#[test]
fn a_model_whose_values_overflowed_is_not_written() {
    // A weight of 1e300 loads (it is finite), and learning from it overflows Adam's second
    // moment: the file is refused, naming the first value that is not finite, rather than
    // written with `null` where loading wants a number.
    let mut file = file_json();
    file["coefs"][0][0][0] = json!(1e300);
    let mut loaded = ModelFile::load_json(&file.to_string()).unwrap();
    let session = trained_session(30);
    for index in 30..60 {
        let (x, y) = session.data().train_sample(index);
        loaded.model.learn_one(x, y).unwrap();
    }
    let overflowed = ModelFile::new(&loaded.model, &loaded.scaler, 60);
    assert!(overflowed.to_json().contains("null"), "serde_json writes a non-finite number as null");
    let error = overflowed.write_json().unwrap_err();
    assert_eq!(
        error.to_string(),
        "the model cannot be written: `adam.vs.coefs[0][0][0]` is inf, not a finite number (a value overflowed \
         while learning)"
    );
    // Whatever the field, it is named by its place in the file.
    type Edit = fn(&mut ModelFile);
    let places: [(&str, Edit); 4] = [
        ("coefs[1][99][0]", |f| f.coefs[1][99][0] = f64::NAN),
        ("intercepts[0][7]", |f| f.intercepts[0][7] = f64::NEG_INFINITY),
        ("adam.ms.intercepts[1][0]", |f| f.adam.ms.intercepts[1][0] = f64::INFINITY),
        ("scaler.scale[12]", |f| f.scaler.scale[12] = f64::INFINITY),
    ];
    for (place, set) in places {
        let mut file = trained_session(30).model_file();
        assert!(file.write_json().is_ok());
        set(&mut file);
        let error = file.write_json().unwrap_err().to_string();
        assert!(error.starts_with(&format!("the model cannot be written: `{place}` is ")), "{error}");
    }
    // A snapshot's model too.
    let mut snapshot = trained_session(30).snapshot();
    assert!(snapshot.to_json().is_ok());
    snapshot.model.adam.vs.coefs[0][3][1] = f64::INFINITY;
    let error = snapshot.to_json().unwrap_err().to_string();
    assert!(error.starts_with("the model cannot be written: `adam.vs.coefs[0][3][1]` is inf"), "{error}");
}

#[test]
fn long_values_are_echoed_cut_short() {
    let long = "x".repeat(200_000);
    let cut = format!("{}…", "x".repeat(40));
    let mut file = file_json();
    file["format"] = json!(long);
    assert_eq!(load_error(&file), format!("format is `{cut}`, expected `{FORMAT}`"));
    let mut file = file_json();
    file[&long] = json!(1);
    let error = load_error(&file);
    assert!(error.starts_with(&format!("unknown field `{cut}`, expected one of `format`")), "{error}");
    assert!(error.len() < 300, "{error}");
    let mut file = file_json();
    file["coefs"][0][0][0] = json!(long);
    let error = load_error(&file);
    assert!(
        error.starts_with(&format!(
            "coefs[0][0][0]: invalid type: string \"{cut}\", expected a number at line 1 column "
        )),
        "{error}"
    );
    let mut file = file_json();
    file["classes"] = json!(vec![1; 100_000]);
    assert_eq!(load_error(&file), "classes must be [0, 1], got [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, … (100000 values)]");
    let snapshot =
        learner::session::load_saved_model(&format!("{{\"format\": \"online-learning-session\", \"{long}\": 1}}"));
    let error = snapshot.unwrap_err().to_string();
    assert!(error.starts_with(&format!("cannot restore the session: unknown field `{cut}`")), "{error}");
    assert!(error.len() < 300, "{error}");
}

#[test]
fn a_value_of_the_wrong_kind_is_named_in_jsons_terms_not_rusts() {
    let refused = |edit: &dyn Fn(&mut Value), expected: &str| {
        let mut file = file_json();
        edit(&mut file);
        let error = load_error(&file);
        let reason = error.split(" at line 1 column ").next().unwrap();
        assert_eq!(reason, expected, "{error}");
    };
    refused(&|file| file["coefs"][0][0][0] = json!([1]), "coefs[0][0][0]: invalid type: an array, expected a number");
    refused(&|file| file["coefs"][0][0] = json!({}), "coefs[0][0]: invalid type: an object, expected an array");
    refused(
        &|file| file["adam"]["t"] = json!(-3),
        "adam.t: invalid value: integer `-3`, expected a whole number, 0 or more",
    );
    refused(
        &|file| file["version"] = json!(1.0),
        "version: invalid type: floating point `1.0`, expected a whole number from 0 to 4294967295",
    );
    refused(
        &|file| file["classes"][1] = json!(256),
        "classes[1]: invalid value: integer `256`, expected a whole number from 0 to 255",
    );
    refused(
        &|file| file["hyperparameters"]["shuffle"] = json!(1),
        "hyperparameters.shuffle: invalid type: integer `1`, expected true or false",
    );
    refused(&|file| file["adam"] = json!(null), "adam: invalid type: null, expected an object of named fields");
    let error = ModelFile::load_json("null").unwrap_err().to_string();
    assert!(error.starts_with("invalid model file: invalid type: null, expected an object of named fields"), "{error}");
}

/// The places of `value` worth spoiling: every field, and in each array its first, middle
/// and last elements, as JSON pointers.
fn places(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                let place = format!("{at}/{key}");
                out.push(place.clone());
                places(field, place, out);
            }
        }
        Value::Array(elements) if !elements.is_empty() => {
            let mut picked = vec![0, elements.len() / 2, elements.len() - 1];
            picked.dedup();
            for index in picked {
                let place = format!("{at}/{index}");
                out.push(place.clone());
                places(&elements[index], place, out);
            }
        }
        _ => {}
    }
}

/// serde_path_to_error's path to the place where `text` stops being a `T`, as the core
/// writes it (`adam.ms.coefs[0][3]`): the oracle of the path the core finds in the text
/// (the crate is only a test's dependency: in the core's, it would reshuffle the page's
/// module, whose symbols' hashes follow the core's dependencies).
fn oracle_path<T: serde::de::DeserializeOwned>(text: &str) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = serde_path_to_error::deserialize::<_, T>(&mut deserializer).err()?;
    let mut segments: Vec<_> = error.path().iter().collect();
    if error.inner().to_string().starts_with("unknown field") {
        segments.pop();
    }
    let mut path = String::new();
    for segment in segments {
        match segment {
            serde_path_to_error::Segment::Seq { index } => path.push_str(&format!("[{index}]")),
            other => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&other.to_string());
            }
        }
    }
    Some(path)
}

#[test]
fn a_refusal_names_the_field_where_the_file_goes_wrong_as_serde_path_to_error_does() {
    // Every array cut to its first three elements: the files' shapes no longer hold, but
    // the paths are found while reading, before any shape is checked.
    fn cut(value: &mut Value) {
        match value {
            Value::Array(elements) => {
                elements.truncate(3);
                elements.iter_mut().for_each(cut);
            }
            Value::Object(fields) => fields.values_mut().for_each(cut),
            _ => {}
        }
    }
    let mut snapshot: Value = serde_json::from_str(&trained_session(30).snapshot().to_json().unwrap()).unwrap();
    let mut model_file = file_json();
    cut(&mut snapshot);
    cut(&mut model_file);
    let mut checked = 0;
    for (file, prefix) in [(model_file, "invalid model file: "), (snapshot, "cannot restore the session: ")] {
        let is_snapshot = prefix.starts_with("cannot");
        let mut spoilt_places = Vec::new();
        places(&file, String::new(), &mut spoilt_places);
        for place in spoilt_places {
            // A snapshot whose `format` is spoilt is no longer told to be one.
            if is_snapshot && place == "/format" {
                continue;
            }
            let (parent, key) = place.rsplit_once('/').unwrap();
            let spoilers: [&dyn Fn(&mut Value); 5] = [
                &|v| *v.pointer_mut(&place).unwrap() = json!("x"),
                &|v| *v.pointer_mut(&place).unwrap() = Value::Null,
                &|v| *v.pointer_mut(&place).unwrap() = json!([{"a": [1, "b"]}]),
                &|v| *v.pointer_mut(&place).unwrap() = json!(-1.5),
                &|v| {
                    if let Some(Value::Object(fields)) = v.pointer_mut(parent) {
                        if fields.remove(key).is_none() {
                            fields.insert(format!("{key}\"\\x"), json!(1));
                        }
                    }
                },
            ];
            for spoil in spoilers {
                let mut spoilt = file.clone();
                spoil(&mut spoilt);
                let text = spoilt.to_string();
                let expected = if is_snapshot {
                    oracle_path::<learner::session::Snapshot>(&text)
                } else {
                    oracle_path::<ModelFile>(&text)
                };
                // Read as its type, or refused by a later check (not a path of reading).
                let Some(expected) = expected else { continue };
                let error = load_saved_model(&text).unwrap_err().to_string();
                let reason = error.strip_prefix(prefix).unwrap_or_else(|| panic!("{place}: {error}"));
                match expected.is_empty() {
                    // No path: what comes before the first colon is serde_json's words.
                    true => assert!(
                        reason.split_once(": ").is_none_or(|(head, _)| head.contains(' ')),
                        "{place}: {error} (expected no path)"
                    ),
                    false => {
                        assert!(reason.starts_with(&format!("{expected}: ")), "{place}: {error} (expected {expected})")
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked} spoilt files compared");
}
