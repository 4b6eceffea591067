//! Where the visitor was on the page, kept through a reload. The browser restores a page's
//! scroll position itself, but too early for this one: it tries while the document is still
//! the loader's, before the module has drawn the workbench, and a reload brought the visitor
//! back to the session at the top of the page. So the position is kept in the tab's
//! `sessionStorage` when the page is left (`pagehide`: a reload, another address, a closed
//! tab; the history entry's state, written then, is not kept) and taken back when the page is
//! opened again (a reload, Back or Forward) right after the first render, once the page has
//! its height and before it is painted.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where in the tab's `sessionStorage` the position is kept: one for the tab, the last page
/// of the workbench it left.
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

/// Scroll back to where this tab left the page when the page is opened again (a reload, Back
/// or Forward): a page opened by a link or an address (another setup opened from this one)
/// starts at the top, as a first visit, which has nothing kept (`+undefined` is NaN, which
/// scrolls nowhere).
pub fn restore() {
    let Some(window) = web_sys::window() else { return };
    // The navigation's type: "navigate", "reload" or "back_forward".
    let opened_again = window.performance().is_some_and(|performance| {
        let navigation = performance.get_entries_by_type("navigation").get(0);
        js_sys::Reflect::get(&navigation, &"type".into()).is_ok_and(|kind| kind != "navigate")
    });
    if !opened_again {
        return;
    }
    if let Ok(Some(storage)) = window.session_storage() {
        if let Ok(y) = js_sys::Reflect::get(&storage, &KEY.into()) {
            window.scroll_to_with_x_and_y(0.0, y.unchecked_into_f64());
        }
    }
}
