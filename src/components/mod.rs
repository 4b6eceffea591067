//! One small function component per part of the page.

pub mod accuracy;
pub mod app;
pub mod controls;
pub mod data_panel;
pub mod footer;
pub mod hospitals;
pub mod learning_curve;
pub mod long_stream;
pub mod media;
pub mod own_stream;
pub mod patient_form;
pub mod progress;
pub mod sessions;
pub mod setup_panel;
pub mod streams;
pub mod test_split;
