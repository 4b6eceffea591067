//! The npm package's JSON entry point (`MLPClassifier.fromJSON`, given text or an object
//! `JSON.stringify` turns into text) and its exit (`toJSON`): any input gives a model or an
//! error, never a panic, and what `toJSON` writes of a loaded model, `fromJSON` reads back
//! to the same model (written again, the same text).
#![no_main]

use learner_js::Classifier;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(classifier) = Classifier::from_model_text(text, 5) {
        let written = classifier.model_text().expect("a loaded model is fitted").expect("a loaded model is writable");
        let again = Classifier::from_model_text(&written, 5).expect("what toJSON writes, fromJSON reads");
        assert_eq!(again.model_text(), Some(Ok(written)), "toJSON of fromJSON of toJSON");
    }
});
