//! The workbench page: the original demo's page, its model running in the browser, and what
//! a visitor does beyond clicking (the learning curve, the test split in detail, a patient
//! to ask about and teach, their own data, four hospitals as a drifting stream, the session
//! kept and moved). The state and its actions (`state`), the setup read from the address
//! (`setup`), the page's opening before its first render (`opening`), the session saved in
//! the browser (`saved`, over `storage`, after each action's frame: `autosave`), the model
//! file and session snapshot in and out (`files`, over `json`), a visitor's file taken in
//! (`loading`), one pass learned in slices (`one_pass`), the message a bug leaves
//! (`panic`), the site kept for offline use (`offline`), the place on the page kept through
//! a reload (`scroll`), the keyboard's focus after a render (`focus`), performance marks
//! (`marks`), counts in words (`words`), and one small component per part of the page
//! (`components`).

// The unit tests also run compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod autosave;
pub mod components;
pub mod files;
pub mod focus;
pub mod json;
pub mod loading;
pub mod marks;
pub mod offline;
pub mod one_pass;
pub mod opening;
pub mod panic;
pub mod saved;
pub mod scroll;
pub mod setup;
pub mod state;
pub mod storage;
pub mod words;

pub use components::app::App;
