//! The screen the page is drawn on: the charts draw a narrower frame on a phone, where a
//! wide one, scaled down to the screen, would shrink its text to a few pixels.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The phone layout's media query (style.css's one-column layout and larger chart text).
pub const NARROW_SCREEN: &str = "(max-width: 40rem)";

/// Whether the media query `query` matches, kept current as the window changes (a phone
/// turned on its side).
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let list = move || web_sys::window().and_then(|window| window.match_media(query).ok().flatten());
    let matches = use_state(|| list().is_some_and(|list| list.matches()));
    {
        let matches = matches.clone();
        use_effect_with((), move |_| {
            let watched = list().map(|list| {
                let read = list.clone();
                let changed = Closure::<dyn Fn()>::new(move || matches.set(read.matches()));
                list.set_onchange(Some(changed.as_ref().unchecked_ref()));
                (list, changed)
            });
            move || {
                if let Some((list, _changed)) = watched {
                    list.set_onchange(None);
                }
            }
        });
    }
    *matches
}
