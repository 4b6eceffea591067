//! When the session is saved: after the frame that shows an action, not in the action's
//! own task. A click's answer is drawn first (the save, serialising the session and
//! `localStorage.setItem`, took a third of a millisecond of each "+25" click's task), a
//! burst of actions is saved once, as its last state, and leaving or hiding the page saves
//! what waits at once, so that a reload or a closed tab still finds the last action.
//! What is saved and what the page says of it ([`save`]), and another tab saving the same
//! setup's session ([`watch_other_tabs`]).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::UseStateHandle;

use crate::components::sessions::{when_full, Keeping};
use crate::marks::{mark, measure};
use crate::saved;
use crate::state::{PatientDraft, State};
use crate::storage::Store;

/// A save that waits for the frame after the action.
type Save = Box<dyn FnOnce()>;

/// The page's one waiting save, and the browser's callbacks that run it: after a frame, or
/// when the page goes away.
pub struct Autosave {
    waiting: Rc<RefCell<Option<Save>>>,
    /// Runs the waiting save (the task after a frame; the page left or hidden).
    save_now: Option<Function>,
    /// Asks for `save_now` in the task after this frame.
    frame_callback: Option<Function>,
}

/// The events after which the page may not run again: it is left (a reload, another
/// address, a closed tab), or hidden (a phone's browser may end a hidden page without
/// telling it). Shown again, what waits is saved a frame early: no harm.
const LEAVING: [&str; 2] = ["pagehide", "visibilitychange"];

impl Autosave {
    /// An autosave with nothing waiting, saving at once when the page is left or hidden.
    pub fn new() -> Self {
        let waiting: Rc<RefCell<Option<Save>>> = Rc::default();
        let Some(window) = web_sys::window() else { return Autosave { waiting, save_now: None, frame_callback: None } };
        // Handed to JavaScript for good (freed with the functions): a frame asked for
        // never calls a dropped closure.
        let save_now: Function = {
            let waiting = Rc::clone(&waiting);
            Closure::<dyn Fn()>::new(move || save_waiting(&waiting)).into_js_value().unchecked_into()
        };
        let frame_callback: Function = {
            let save_now = save_now.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(&save_now);
                }
            })
            .into_js_value()
            .unchecked_into()
        };
        for event in LEAVING {
            let _ = window.add_event_listener_with_callback(event, &save_now);
        }
        Autosave { waiting, save_now: Some(save_now), frame_callback: Some(frame_callback) }
    }

    /// Save with `save` after the next frame, in place of a save still waiting. Each call
    /// asks for a frame (a burst of actions in one frame is still saved once: the first
    /// callback saves the last state, the others find nothing waiting), so that a save
    /// waiting only for the page to be left (`when_leaving`, during a pass) is saved after
    /// the next frame too once the pass ends, where it waited until the page was left.
    pub fn after_frame(&self, save: impl FnOnce() + 'static) {
        self.waiting.borrow_mut().replace(Box::new(save));
        self.schedule();
    }

    /// Save with `save` only when the page is left or hidden, unless another save takes its
    /// place first (a pass: its slices are not saved one by one, but a reload or a closed
    /// tab in the middle of it keeps what it has learned, and a patient taught meanwhile).
    pub fn when_leaving(&self, save: impl FnOnce() + 'static) {
        self.waiting.borrow_mut().replace(Box::new(save));
    }

    /// Forget a save still waiting (the session may no longer be saved).
    pub fn cancel(&self) {
        self.waiting.borrow_mut().take();
    }

    /// Save what waits in the task after the next frame; in a task of its own if the page
    /// is hidden (a hidden page draws no frames).
    fn schedule(&self) {
        let (Some(window), Some(save_now), Some(frame_callback)) =
            (web_sys::window(), &self.save_now, &self.frame_callback)
        else {
            return save_waiting(&self.waiting);
        };
        let hidden = window.document().is_some_and(|document| document.hidden());
        let asked = if hidden {
            window.set_timeout_with_callback(save_now)
        } else {
            window.request_animation_frame(frame_callback)
        };
        if asked.is_err() {
            // Never in a browser that runs this page; the save must not be lost.
            save_waiting(&self.waiting);
        }
    }
}

impl Default for Autosave {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Autosave {
    /// The page's part goes away: what waits is saved, the listeners removed.
    fn drop(&mut self) {
        save_waiting(&self.waiting);
        if let (Some(window), Some(save_now)) = (web_sys::window(), &self.save_now) {
            for event in LEAVING {
                let _ = window.remove_event_listener_with_callback(event, save_now);
            }
        }
    }
}

/// Run the waiting save, if any (taken out first: a save may schedule another).
fn save_waiting(waiting: &RefCell<Option<Save>>) {
    let save = waiting.borrow_mut().take();
    if let Some(save) = save {
        save();
    }
}

/// Save the session as the autosave for its setup, and show whether that worked.
pub fn save(store: &Store, state: &State, draft: &PatientDraft, keeping: &UseStateHandle<Keeping>) {
    mark("session-save-start");
    let result = match saved::not_kept(&state.data.source) {
        Some(reason) => Err(reason),
        None => store
            .set(&saved::autosave_key(&state.setup), &saved::write(state, draft))
            .map_err(|refusal| not_saved(refusal, store)),
    };
    measure("session-save", "session-save-start");
    match result {
        Ok(()) if **keeping != Keeping::Saving => keeping.set(Keeping::Saving),
        Ok(()) => {}
        Err(reason) if **keeping != Keeping::Fault(reason.clone()) => keeping.set(Keeping::Fault(reason)),
        Err(_) => {}
    }
}

/// Why the session was not saved, and what the visitor can do. Apart and cold: the page's
/// module keeps what runs at load and in everyday use (this does not).
#[cold]
#[inline(never)]
fn not_saved(refusal: crate::storage::Refusal, store: &Store) -> String {
    let not_kept = "the latest changes are not saved (the last saved state is kept).";
    refusal.told(&when_full(not_kept, &store.keys_in(saved::SNAPSHOTS)))
}

/// A `storage` listener on the window while it lives (a tab is not told of its own writes):
/// when another tab changes `key`, this tab's saving is held; when it saves or deletes a
/// snapshot (a key under `snapshots`), or clears the storage, `snapshots_changed` counts it,
/// and the snapshots are listed again.
pub struct OtherTabs {
    listener: wasm_bindgen::closure::Closure<dyn Fn(web_sys::StorageEvent)>,
}

pub fn watch_other_tabs(
    key: String,
    snapshots: String,
    keeping: UseStateHandle<Keeping>,
    snapshots_changed: UseStateHandle<u32>,
) -> Option<OtherTabs> {
    let changes = std::cell::Cell::new(*snapshots_changed);
    let listener =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            match event.key() {
                Some(changed) if changed == key => keeping.set(Keeping::Elsewhere),
                Some(changed) if !changed.starts_with(&snapshots) => {}
                _ => {
                    changes.set(changes.get().wrapping_add(1));
                    snapshots_changed.set(changes.get());
                }
            }
        });
    let window = web_sys::window()?;
    window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref()).ok()?;
    Some(OtherTabs { listener })
}

impl Drop for OtherTabs {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("storage", self.listener.as_ref().unchecked_ref());
        }
    }
}
