//! "Current Accuracy: 0.80328", counting to each new value over about a second, as the
//! original page did (at once for visitors who ask for reduced motion, and for a value that
//! comes while it counts: a pass's slices follow each other faster than a count, which would
//! start again at each and lag ever further behind). The final text is always the exact
//! rounded score.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::state::rounded;

/// Animation frames per change, one every 16 ms: about a second.
const FRAMES: u32 = 60;
const FRAME_MS: u32 = 16;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The held-out accuracy to show, unrounded.
    pub score: f64,
}

#[component]
pub fn Accuracy(props: &Props) -> Html {
    // The value shown, and the value it counts to.
    let shown = use_state(|| (props.score, props.score));
    {
        let shown = shown.clone();
        use_effect_with(props.score.to_bits(), move |&target_bits| {
            let target = f64::from_bits(target_bits);
            let (from, counting_to) = *shown;
            let counter = if from != counting_to || from == target || prefers_reduced_motion() {
                shown.set((target, target));
                None
            } else {
                // Counting from now on, before the first frame too.
                shown.set((from, target));
                let mut frame = 0;
                Some(Interval::new(FRAME_MS, move || {
                    frame += 1;
                    let value = if frame >= FRAMES {
                        target
                    } else {
                        from + (target - from) * f64::from(frame) / f64::from(FRAMES)
                    };
                    shown.set((value, target));
                }))
            };
            move || drop(counter)
        });
    }
    let settled = shown.0.to_bits() == props.score.to_bits();
    let value = rounded(shown.0);
    // Screen readers hear the final value once, from the page's status line, not every
    // frame of the count-up. The same span either way (the page patches its class): each
    // class written out, as the page names no class by an expression (Yew's `classes!`
    // brings a hash set and 3 KB gzipped).
    html! {
        <p class="accuracy">
            { "Current Accuracy: " }
            if settled {
                <span id="accr">{ value }</span>
            } else {
                <span id="accr" class="counting">{ value }</span>
            }
        </p>
    }
}

/// Whether the visitor's system asks for less motion (`prefers-reduced-motion: reduce`).
fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| window.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|query| query.matches())
}
