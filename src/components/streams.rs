//! The streams page: the four hospitals scenario with the address's seed and hidden layers,
//! and the way back to the workbench.

use yew::prelude::*;

use crate::components::{footer::Footer, hospitals::HospitalsPanel, own_stream::OwnStreamPanel};
use crate::setup::Setup;

#[component]
pub fn StreamsPage() -> Html {
    // The address's setup (the workbench's link gives its seed and hidden layers), a
    // sentence for each value it could not use, and the way back to the workbench of the
    // same setup.
    let opening = use_memo((), |_| {
        let query = web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default();
        (Setup::from_address(&query), format!("/{query}"))
    });
    let ((setup, problems), back) = &*opening;
    let seed = setup.seed;
    // A file dropped anywhere but on the own stream's panel (which takes it, and says so by
    // preventing the default first) is refused, not opened by the browser in this page's
    // place (which would lose the streams shown).
    let refuse_drop = Callback::from(|event: DragEvent| {
        if event.default_prevented() {
            return;
        }
        event.prevent_default();
        if let Some(transfer) = event.data_transfer() {
            transfer.set_drop_effect("none");
        }
    });
    html! {
        // The header and the footer outside the main content: the page's banner and
        // contentinfo landmarks.
        <div class="single" ondragover={refuse_drop.clone()} ondrop={refuse_drop}>
            <header>
                <h1>{ "When the data changes" }</h1>
                <p class="lede">
                    { "Online learning where the data changes: the same network, in your browser, meets one \
                       hospital's patients after another's. " }
                    <a id="workbench-link" href={back.clone()}>{ "Back to the workbench" }</a>
                </p>
                <p id="streams-seed">
                    { "Seed " }<strong>{ seed }</strong>{ ", hidden layers " }<strong id="streams-hidden">{ setup.hidden_text() }</strong>
                    { ": each model is drawn as scikit-learn draws it after " }
                    <code>{ format!("np.random.seed({seed})") }</code>{ "." }
                </p>
                for problem in problems.iter() {
                    <p class="notice setup-notice" role="alert">{ problem }</p>
                }
            </header>
            <main>
                <HospitalsPanel {seed} hidden={setup.hidden.clone()} />
                <OwnStreamPanel {seed} hidden={setup.hidden.clone()} />
            </main>
            <Footer />
        </div>
    }
}
