//! Performance marks, and measures from a mark to now, of the page's longer steps (the
//! session saved and restored, a data file's steps): the browser's developer tools and the
//! end-to-end test read them.

/// A mark named `name`.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// A measure named `name`, from the mark `start` to now.
pub fn measure(name: &str, start: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.measure_with_start_mark(name, start);
    }
}
