//! The original's two buttons, learning the rest in one pass, and how many training
//! samples remain.

use yew::prelude::*;

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

#[component]
pub fn Controls(props: &Props) -> Html {
    let done = props.remaining == 0;
    let before = props.learned.saturating_sub((props.trained + props.taught) as u64);
    let learned = match (props.taught, before) {
        (0, 0) => format!("{} learned", samples(props.learned)),
        (taught, 0) => format!("{} learned ({taught} taught)", samples(props.learned)),
        (0, before) => format!("{} learned ({} before the import)", samples(props.learned), number(before)),
        (taught, before) => {
            format!("{} learned ({taught} taught, {} before the import)", samples(props.learned), number(before))
        }
    };
    html! {
        <div class="controls">
            <button id="train-btn" class="primary" disabled={done || props.passing} onclick={props.on_train.clone()}>
                { if done { "No more samples remaining" } else { "+25 Training" } }
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

fn number(count: u64) -> String {
    itoa::Buffer::new().format(count).to_owned()
}

fn samples(count: u64) -> String {
    if count == 1 {
        "1 sample".to_owned()
    } else {
        // itoa: the page's module has no other use for a u64's `Display`.
        format!("{} samples", number(count))
    }
}
