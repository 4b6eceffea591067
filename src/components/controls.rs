//! The original's two buttons and how many training samples remain.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub remaining: usize,
    pub trained: usize,
    pub taught: usize,
    pub on_train: Callback<MouseEvent>,
    pub on_reset: Callback<MouseEvent>,
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
            <button id="train-btn" class="primary" disabled={done} onclick={props.on_train.clone()}>
                { if done { "No more samples remaining" } else { "+25 Training" } }
            </button>
            <button id="reset-btn" onclick={props.on_reset.clone()}>{ "Reset" }</button>
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
