//! The page's setup (seed and hidden layers), a link that reopens exactly this setup, and
//! a form that opens another: a plain GET form to the page itself, no script needed (the
//! site's policy allows forms to this origin only, `form-action 'self'`); with the script,
//! the address it opens is written as the link writes it (` 7 ` and `32, 16` open
//! `?seed=7&hidden=32,16`, not `?seed=+7+&hidden=32%2C+16`).

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::setup::{Setup, HIDDEN_PATTERN, MAX_HIDDEN_LAYERS, MAX_UNITS, SEED_PATTERN};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub setup: Setup,
    /// The setup of the session running now, where an imported file made it another
    /// (its random stream's seed, its hidden layers).
    #[prop_or_default]
    pub running: Option<Setup>,
}

#[component]
pub fn SetupPanel(props: &Props) -> Html {
    let setup = &props.setup;
    html! {
        <section class="card setup" aria-labelledby="setup-heading">
            <h2 id="setup-heading">{ "This page's setup" }</h2>
            <p>
                { "Seed " }<strong id="seed">{ setup.seed }</strong>
                { ", hidden layers " }<strong id="hidden-layers">{ setup.hidden_text() }</strong>
                { ": the numbers scikit-learn gives after " }<code>{ format!("np.random.seed({})", setup.seed) }</code>{ ". " }
                <a id="setup-link" href={setup.query()}>{ "Link to this exact setup" }</a>
            </p>
            if let Some(running) = &props.running {
                <p id="setup-running" class="notice">
                    { "The session running now came from an imported file: seed " }<strong>{ running.seed }</strong>
                    { "'s random stream, hidden layers " }<strong>{ running.hidden_text() }</strong>
                    { ". The link and the form open this page's setup afresh." }
                </p>
            }
            <form class="setup-form" method="get" action="" onsubmit={Callback::from(open_tidily)}>
                <label for="setup-seed">{ "Seed (0 to 4294967295)" }</label>
                // Values the page would refuse are refused by the browser, beside the field
                // (the patterns take what the page's reading of the address takes).
                <input id="setup-seed" name="seed" type="text" inputmode="numeric" value={setup.seed.to_string()}
                       required=true pattern={SEED_PATTERN} title="A whole number from 0 to 4294967295" />
                <label for="setup-hidden">{ format!("Hidden layers (1 to {MAX_HIDDEN_LAYERS} sizes of 1 to {MAX_UNITS}, e.g. 32,16)") }</label>
                <input id="setup-hidden" name="hidden" type="text" value={setup.hidden_text()}
                       required=true pattern={HIDDEN_PATTERN} title="1 to 3 sizes of 1 to 256, separated by commas" />
                <button type="submit">{ "Open this setup" }</button>
            </form>
        </section>
    }
}

/// The setup the form asks for opened at the address the page's link would give it. The
/// browser has checked the fields (their patterns): should the page read them otherwise, the
/// form goes as the browser sends it, and the page says what it could not use.
fn open_tidily(event: SubmitEvent) {
    let Some(window) = web_sys::window() else { return };
    let field = |id: &str| {
        let element = window.document()?.get_element_by_id(id)?;
        Some(element.dyn_into::<HtmlInputElement>().ok()?.value())
    };
    let (setup, problems) = Setup::from_query(field("setup-seed").as_deref(), field("setup-hidden").as_deref());
    if problems.is_empty() && window.location().set_search(&setup.query()).is_ok() {
        event.prevent_default();
    }
}
