//! Where the visitor was on the page, kept through a reload. The browser restores a page's
//! scroll position itself, but too early for this one: it tries while the document is still
//! the loader's, before the module has drawn the workbench, and a reload brought the visitor
//! back to the session at the top of the page. So the position is kept in the tab's
//! `sessionStorage` when the page is left (`pagehide`: a reload, another address, a closed
//! tab; the history entry's state, written then, is not kept) and taken back right after the
//! first render, once the page has its height and before it is painted.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where in the tab's `sessionStorage` the position is kept: one for the tab, whatever its
/// setup (a setup opened from the page opens where the page was).
const KEY: &str = "online-learning/scroll";

/// Keep the scroll position whenever the page is left.
pub fn keep_when_leaving() {
    let Some(window) = web_sys::window() else { return };
    // Handed to JavaScript for good: the page's one listener, for as long as it lives.
    let keep = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            if let (Ok(Some(storage)), Ok(y)) = (window.session_storage(), window.scroll_y()) {
                // `sessionStorage[KEY] = y`: kept as its text, read back as a number below.
                let _ = js_sys::Reflect::set(&storage, &KEY.into(), &y.into());
            }
        }
    });
    let _ = window.add_event_listener_with_callback("pagehide", keep.into_js_value().unchecked_ref());
}

/// Scroll back to where this tab left the page (a reload, a return): a first visit has
/// nothing kept (`+undefined` is NaN, which scrolls nowhere) and stays at the top.
pub fn restore() {
    let Some(window) = web_sys::window() else { return };
    if let Ok(Some(storage)) = window.session_storage() {
        if let Ok(y) = js_sys::Reflect::get(&storage, &KEY.into()) {
            window.scroll_to_with_x_and_y(0.0, y.unchecked_into_f64());
        }
    }
}
