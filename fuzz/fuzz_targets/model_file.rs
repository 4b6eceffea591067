//! The model-file loader: any input gives `Ok` or `Err`, never a panic. A loaded file's
//! scaler (what the package's `StandardScaler.fromJSON` gives) scales a row of the model's
//! width, and the model predicts a probability for it; the file written again with that
//! scaler (the page's download, the package's `toModelFile`) reads back to the same model,
//! scaler and progress; and the model goes on learning from the row (`Ok` or an error).
#![no_main]

use learner::model_file::ModelFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(loaded) = ModelFile::load_json(text) else { return };
    let mut x = vec![0.5; loaded.model.n_features()];
    loaded.scaler.transform_row(&mut x).expect("a loaded scaler fits its model's width");
    let p = loaded.model.predict_proba_one(&x).expect("a loaded model fits its own width");
    assert!((0.0..=1.0).contains(&p) || p.is_nan());
    let written = ModelFile::new(&loaded.model, &loaded.scaler, loaded.progress.next_sample)
        .write_json()
        .expect("a loaded model is writable");
    assert_eq!(ModelFile::load_json(&written).expect("what is written reads back"), loaded, "written and read back");
    let mut model = loaded.model;
    let _ = model.learn_one(&x, 0);
});
