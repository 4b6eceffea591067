//! The page of the original demo, running its model in the browser: the state and its
//! actions (`state`), one small component per part of the page (`components`).

// The unit tests also run compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

pub mod components;
pub mod state;

pub use components::app::App;
