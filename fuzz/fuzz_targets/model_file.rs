//! The model-file loader: any input gives `Ok` or `Err`, never a panic; a loaded model
//! predicts a probability for an input of its width.
#![no_main]

use learner::model_file::ModelFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(loaded) = ModelFile::load_json(text) {
        let x = vec![0.5; loaded.model.n_features()];
        let p = loaded.model.predict_proba_one(&x).expect("a loaded model fits its own width");
        assert!((0.0..=1.0).contains(&p) || p.is_nan());
    }
});
