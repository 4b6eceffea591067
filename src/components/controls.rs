//! The original's two buttons, learning the rest in one pass, and how many training
//! samples remain.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub remaining: usize,
    pub trained: usize,
    pub taught: usize,
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
    let learned = match props.taught {
        0 => format!("{} learned", samples(props.trained)),
        taught => format!("{} learned ({taught} taught)", samples(props.trained + taught)),
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
            <p id="remaining" class="remaining">{ format!("{learned}, {} remaining", props.remaining) }</p>
        </div>
    }
}

fn samples(count: usize) -> String {
    if count == 1 {
        "1 sample".to_owned()
    } else {
        format!("{count} samples")
    }
}
