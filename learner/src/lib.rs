//! The learning core of the in-browser online-learning demo: a scikit-learn-exact port of
//! what the original Flask demo runs in Python.
//!
//! The original notebook reads the UCI heart-disease CSV, standard-scales it, splits it
//! with `train_test_split(test_size=0.2, random_state=0)` and feeds an
//! `MLPClassifier(max_iter=200)` one training sample at a time with `partial_fit`, its
//! weights drawn from numpy's global stream after `np.random.seed(5)`. Every step is here,
//! reproducing scikit-learn's numbers for any seed:
//!
//! - [`data`], the CSV reader and the bundled heart data,
//! - [`heart`], what heart.csv's columns and codes mean,
//! - [`uci`], UCI's raw files of the four hospitals, recoded to heart.csv's encoding,
//! - [`hospitals`], the four hospitals as one drifting stream, with drift detection,
//! - [`names`], names in the order a person reads them (a visitor's files, the snapshots),
//! - [`format`](mod@format), numbers as text (fixed decimals as JavaScript and Python round them),
//! - [`number`], text as numbers (what `str::parse` reads, without its big table),
//! - [`random`], numpy's legacy `RandomState`,
//! - [`preprocessing`], `StandardScaler` and `train_test_split`,
//! - [`mlp`], `MLPClassifier` with its Adam optimizer,
//! - [`drift`], drift detectors on a stream (River's Page-Hinkley and ADWIN),
//! - [`metrics`], accuracy, the confusion matrix, log loss and progressive accuracy,
//! - [`model_file`], the JSON model file,
//! - [`session`], the demo's per-visitor state (the original server process),
//! - [`notebook`], the original notebook's training loop.
//!
//! No module depends on a browser; the crate builds for `wasm32-unknown-unknown` as is.
//!
//! ```
//! use learner::session::Session;
//! let mut session = Session::heart(5).unwrap();
//! let start = session.train(100).unwrap(); // what the original server does at start
//! assert_eq!(format!("{:.5}", start.score), "0.80328");
//! assert_eq!(start.remaining, 142);
//! ```

// The unit tests also run compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod data;
pub mod drift;
pub mod error;
pub mod format;
pub mod heart;
pub mod hospitals;
pub mod metrics;
pub mod mlp;
pub mod model_file;
pub mod names;
pub mod notebook;
pub mod number;
pub mod preprocessing;
pub mod random;
pub mod session;
pub mod uci;

pub use error::{DataError, Error, Result};
