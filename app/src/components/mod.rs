//! One small function component per part of the page.

pub mod accuracy;
pub mod app;
pub mod controls;
pub mod footer;
