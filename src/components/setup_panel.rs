//! The page's setup (seed and hidden layers), a link that reopens exactly this setup, and
//! a small form to open another.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::setup::{Setup, MAX_HIDDEN_LAYERS, MAX_UNITS};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub setup: Setup,
}

#[component]
pub fn SetupPanel(props: &Props) -> Html {
    let setup = &props.setup;
    let seed_input = use_node_ref();
    let hidden_input = use_node_ref();
    // The site's policy forbids form submissions (form-action 'none'): open the address here.
    let onsubmit = {
        let (seed_input, hidden_input) = (seed_input.clone(), hidden_input.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value =
                |input: &NodeRef| input.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default();
            let search = format!("?seed={}&hidden={}", encode(&value(&seed_input)), encode(&value(&hidden_input)));
            if let Some(window) = web_sys::window() {
                let _ = window.location().set_search(&search);
            }
        })
    };
    html! {
        <section class="card setup" aria-labelledby="setup-heading">
            <h2 id="setup-heading">{ "This page's setup" }</h2>
            <p>
                { "Seed " }<strong id="seed">{ setup.seed }</strong>
                { ", hidden layers " }<strong id="hidden-layers">{ setup.hidden_text() }</strong>
                { ": the numbers scikit-learn gives after " }<code>{ format!("np.random.seed({})", setup.seed) }</code>{ ". " }
                <a id="setup-link" href={setup.query()}>{ "Link to this exact setup" }</a>
            </p>
            <form class="setup-form" {onsubmit}>
                <label for="setup-seed">{ "Seed (0 to 4294967295)" }</label>
                <input id="setup-seed" ref={seed_input} type="text" inputmode="numeric" value={setup.seed.to_string()} />
                <label for="setup-hidden">{ format!("Hidden layers (1 to {MAX_HIDDEN_LAYERS} sizes of 1 to {MAX_UNITS}, e.g. 32,16)") }</label>
                <input id="setup-hidden" ref={hidden_input} type="text" value={setup.hidden_text()} />
                <button type="submit">{ "Open this setup" }</button>
            </form>
        </section>
    }
}

fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).into()
}
