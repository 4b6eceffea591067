//! When the session is saved: after the frame that shows an action, not in the action's
//! own task. A click's answer is drawn first (the save, serialising the session and
//! `localStorage.setItem`, took a third of a millisecond of each "+25" click's task), a
//! burst of actions is saved once, as its last state, and leaving or hiding the page saves
//! what waits at once, so that a reload or a closed tab still finds the last action.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A save that waits for the frame after the action.
type Save = Box<dyn FnOnce()>;

/// The page's one waiting save, and the listeners that save it when the page goes away.
pub struct Autosave {
    waiting: Rc<RefCell<Option<Save>>>,
    on_leave: Option<Closure<dyn Fn()>>,
}

/// The events after which the page may not run again: it is left (a reload, another
/// address, a closed tab), or hidden (a phone's browser may end a hidden page without
/// telling it). Shown again, what waits is saved a frame early: no harm.
const LEAVING: [&str; 2] = ["pagehide", "visibilitychange"];

impl Autosave {
    /// An autosave with nothing waiting, saving at once when the page is left or hidden.
    pub fn new() -> Self {
        let waiting: Rc<RefCell<Option<Save>>> = Rc::default();
        let on_leave = web_sys::window().map(|window| {
            let waiting = Rc::clone(&waiting);
            let listener = Closure::<dyn Fn()>::new(move || save_waiting(&waiting));
            for event in LEAVING {
                let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
            listener
        });
        Autosave { waiting, on_leave }
    }

    /// Save with `save` after the next frame, in place of a save still waiting.
    pub fn after_frame(&self, save: impl FnOnce() + 'static) {
        let scheduled = self.waiting.borrow_mut().replace(Box::new(save)).is_some();
        if !scheduled {
            schedule(Rc::clone(&self.waiting));
        }
    }

    /// Forget a save still waiting (the session may no longer be saved).
    pub fn cancel(&self) {
        self.waiting.borrow_mut().take();
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
        if let (Some(window), Some(listener)) = (web_sys::window(), &self.on_leave) {
            for event in LEAVING {
                let _ = window.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
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

/// Save what waits in the task after the next frame; at once in a task of its own if the
/// page is hidden (a hidden page draws no frames).
fn schedule(waiting: Rc<RefCell<Option<Save>>>) {
    let Some(window) = web_sys::window() else { return save_waiting(&waiting) };
    let in_task = move || drop(gloo_timers::callback::Timeout::new(0, move || save_waiting(&waiting)).forget());
    let hidden = window.document().is_some_and(|document| document.hidden());
    if hidden {
        return in_task();
    }
    let after_frame = Closure::once_into_js(in_task);
    if window.request_animation_frame(after_frame.unchecked_ref()).is_err() {
        // Never in a browser that runs this page; the save must not be lost.
        let _ = js_sys::Function::from(after_frame).call0(&wasm_bindgen::JsValue::NULL);
    }
}
