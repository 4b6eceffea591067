//! The page of the original demo, running its model in the browser: the state and its
//! actions (`state`), one small component per part of the page (`components`).

pub mod components;
pub mod state;

pub use components::app::App;
