//! The original's two buttons, learning the rest in one pass, and how many training
//! samples remain.

use yew::prelude::*;

use crate::words::{number, samples};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub remaining: usize,
    /// Training samples learned: where the training split stands.
    pub trained: usize,
    /// Patients taught since the model was made or imported.
    pub taught: usize,
    /// Every sample the model has learned (its `t_`): more than the two above for an
    /// imported model that learned others before (taught ones, earlier passes).
    pub learned: u64,
    pub on_train: Callback<MouseEvent>,
    pub on_reset: Callback<MouseEvent>,
    /// Learn the rest of the training split in one pass, a slice at a time.
    pub on_pass: Callback<MouseEvent>,
    /// While a pass runs, the buttons that would move the stream wait.
    pub passing: bool,
}

/// "+25 Training"'s label once nothing remains, as the original's.
const NO_MORE: &str = "No more samples remaining";

#[component]
pub fn Controls(props: &Props) -> Html {
    let done = props.remaining == 0;
    // Samples beyond the split's and those taught here: an imported model's, taught or from
    // other passes before it came in.
    let before = props.learned.saturating_sub((props.trained + props.taught) as u64);
    let learned = match (props.taught, before) {
        (0, 0) => format!("{} learned", samples(props.learned)),
        (taught, 0) => format!("{} learned ({taught} taught)", samples(props.learned)),
        (0, before) => {
            format!("{} learned ({} besides the split, before the import)", samples(props.learned), number(before))
        }
        (taught, before) => format!(
            "{} learned ({taught} taught, {} besides the split before the import)",
            samples(props.learned),
            number(before)
        ),
    };
    html! {
        <div class="controls">
            // As wide with either label (the style sheet sizes it by `data-widest`): Reset
            // beside it stays where it was when the label changes, under a double click.
            <button id="train-btn" class="primary" disabled={done || props.passing} onclick={props.on_train.clone()}
                    data-widest={NO_MORE}>
                { if done { NO_MORE } else { "+25 Training" } }
            </button>
            <button id="reset-btn" disabled={props.passing} onclick={props.on_reset.clone()}>{ "Reset" }</button>
            <button id="train-pass" disabled={done || props.passing} onclick={props.on_pass.clone()}>
                { "Learn the rest (one pass)" }
            </button>
            // Takes the keyboard's focus when the last samples disable "+25" under it: a
            // key pressed again there does nothing (on Reset it would start over).
            <p id="remaining" class="remaining" tabindex="-1">{ format!("{learned}, {} remaining", props.remaining) }</p>
        </div>
    }
}
