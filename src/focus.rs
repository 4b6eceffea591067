//! The keyboard's focus kept where a visitor can go on when an action disables or removes
//! the control that held it (a browser then leaves the focus on the page's body, and the
//! next Tab starts again from the top).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::progress::give_back;

/// Give the keyboard's focus to the element `selector` picks, if focus was lost: nothing on
/// the page holds it (the control that held it was disabled or removed under it, or the
/// visitor never focused anything). Focus elsewhere is the visitor's, and stays where it is.
pub fn focus_if_lost(selector: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let (Ok(None), Ok(Some(target))) =
        (document.query_selector(":focus:not(:disabled)"), document.query_selector(selector))
    {
        // A control that cannot take focus keeps none; nothing more to do.
        let _ = target.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Give the keyboard's focus to the element `selector` picks now, from the control that
/// holds it: for a control that goes once its action is done, later than the next drawing.
pub fn move_focus(selector: &str) {
    if let Some(held) =
        web_sys::window().and_then(|window| window.document()).and_then(|document| document.active_element())
    {
        let _ = held.unchecked_into::<web_sys::HtmlElement>().blur();
    }
    focus_if_lost(selector);
}

/// Once the page shows what an action did (Yew draws in the microtasks after the action's
/// event; this waits for the next task), [`focus_if_lost`] to `selector`: only if a control
/// held the focus when the action ran (called before Yew draws), so that focus the action
/// did not take away (a file dropped with nothing focused) is not moved, nor the page
/// scrolled to `selector`.
pub fn refocus_after_render(selector: &'static str) {
    let held = web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| matches!(document.query_selector(":focus:not(:disabled)"), Ok(Some(_))));
    if !held {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        give_back().await;
        focus_if_lost(selector);
    });
}

/// The keyboard's focus through a run whose button waits while it runs (`running`): to
/// `while_running` (its Cancel) when the run starts, back to `after` when it ends, each only
/// if it was lost ([`focus_if_lost`]).
#[hook]
pub fn use_focus_through_run(running: bool, while_running: Option<&'static str>, after: &'static str) {
    let was_running = use_mut_ref(|| false);
    use_effect_with(running, move |&running| {
        match (std::mem::replace(&mut *was_running.borrow_mut(), running), running) {
            (false, true) => while_running.into_iter().for_each(focus_if_lost),
            (true, false) => focus_if_lost(after),
            _ => {}
        }
    });
}
