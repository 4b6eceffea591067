//! The session-snapshot loaders: a saved file of either kind (`load_saved_model`) and a
//! snapshot restored onto the bundled data (`Session::restore`). Never a panic.
#![no_main]

use learner::data::Dataset;
use learner::session::{load_saved_model, PreparedData, Session, Snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let _ = load_saved_model(text);
    if let Ok(snapshot) = serde_json::from_str::<Snapshot>(text) {
        let data = PreparedData::new(&Dataset::heart()).expect("the bundled data is valid");
        if let Ok(mut session) = Session::restore(data, snapshot) {
            session.train(3).expect("a restored session trains");
        }
    }
});
