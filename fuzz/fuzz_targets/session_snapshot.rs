//! The session-snapshot loaders: a saved file of either kind (`load_saved_model`) and a
//! snapshot restored onto the bundled data (`Session::restore`). Never a panic; and a
//! session restored, of either version, is written as version 2 and read back to the same
//! session, its stream included (so every version 1 input the fuzzer finds also runs the
//! version 2 reader).
#![no_main]

use learner::data::Dataset;
use learner::session::{load_saved_model, PreparedData, Session, Snapshot};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let _ = load_saved_model(text);
    if let Ok(snapshot) = serde_json::from_str::<Snapshot>(text) {
        let data = PreparedData::new(&Dataset::heart()).expect("the bundled data is valid");
        if let Ok(mut session) = Session::restore(data.clone(), snapshot) {
            if let Ok(written) = session.snapshot().to_json() {
                let read: Snapshot = serde_json::from_str(&written).expect("a written snapshot parses");
                let mut again = Session::restore(data, read).expect("a written snapshot restores");
                assert_eq!(again.snapshot(), session.snapshot(), "read back the same");
                assert_eq!(again.reset().ok(), session.clone().reset().ok(), "the same stream");
            }
            session.train(3).expect("a restored session trains");
        }
    }
});
