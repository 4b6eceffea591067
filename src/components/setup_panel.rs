//! The page's setup (seed and hidden layers), a link that reopens exactly this setup, and
//! a form that opens another: a plain GET form to the page itself, no script needed (the
//! site's policy allows forms to this origin only, `form-action 'self'`).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::setup::{parse_hidden, parse_seed, Setup, MAX_HIDDEN_LAYERS, MAX_UNITS};

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
    let (seed_input, hidden_input) = (use_node_ref(), use_node_ref());
    // The fields hold what the visitor typed until the setup changes (a value given at each
    // render would put the setup back over a refused field, where it is to be corrected).
    {
        let (seed_input, hidden_input) = (seed_input.clone(), hidden_input.clone());
        use_effect_with(setup.clone(), move |setup| {
            for (input, text) in [(&seed_input, setup.seed.to_string()), (&hidden_input, setup.hidden_text())] {
                if let Some(input) = input.cast::<HtmlInputElement>() {
                    input.set_value(&text);
                }
            }
        });
    }
    // Which fields the form refused when it was last sent (it opens nothing until both hold).
    let refused = use_state(|| (false, false));
    let on_submit = {
        let (seed_input, hidden_input, refused) = (seed_input.clone(), hidden_input.clone(), refused.clone());
        Callback::from(move |event: SubmitEvent| {
            let value =
                |input: &NodeRef| input.cast::<HtmlInputElement>().map(|input| input.value()).unwrap_or_default();
            let wrong = (parse_seed(&value(&seed_input)).is_none(), parse_hidden(&value(&hidden_input)).is_none());
            if wrong != (false, false) {
                event.prevent_default();
                // The first field refused takes the keyboard's focus, where its message is read.
                let first = if wrong.0 { &seed_input } else { &hidden_input };
                if let Some(input) = first.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
            refused.set(wrong);
        })
    };
    let hidden_rule = format!("1 to {MAX_HIDDEN_LAYERS} sizes of 1 to {MAX_UNITS}");
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
                    { "\u{2019}s random stream, hidden layers " }<strong>{ running.hidden_text() }</strong>
                    { ". The link and the form open this page\u{2019}s setup afresh." }
                </p>
            }
            <form class="setup-form" method="get" action="" onsubmit={on_submit}>
                <label for="setup-seed">{ "Seed (0 to 4294967295)" }</label>
                <input id="setup-seed" name="seed" type="text" inputmode="numeric" ref={seed_input}
                       aria-invalid={refused.0.then_some("true")} aria-describedby={refused.0.then_some("setup-seed-error")} />
                if refused.0 {
                    <p id="setup-seed-error" class="field-error">{ "The seed must be a whole number from 0 to 4294967295." }</p>
                }
                <label for="setup-hidden">{ format!("Hidden layers ({hidden_rule}, e.g. 32,16)") }</label>
                <input id="setup-hidden" name="hidden" type="text" ref={hidden_input}
                       aria-invalid={refused.1.then_some("true")} aria-describedby={refused.1.then_some("setup-hidden-error")} />
                if refused.1 {
                    <p id="setup-hidden-error" class="field-error">
                        { format!("The hidden layers must be {hidden_rule} units, separated by commas.") }
                    </p>
                }
                <button type="submit">{ "Open this setup" }</button>
            </form>
        </section>
    }
}
