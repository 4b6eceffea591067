//! The streams page: the four hospitals scenario with the address's seed, and the way back
//! to the workbench.

use yew::prelude::*;

use crate::components::{footer::Footer, hospitals::HospitalsPanel};
use crate::setup::Setup;

#[component]
pub fn StreamsPage() -> Html {
    let seed = use_memo((), |_| {
        let query = web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&query).ok();
        Setup::from_query(params.and_then(|params| params.get("seed")).as_deref(), None).0.seed
    });
    html! {
        <main class="single">
            <header>
                <h1>{ "When the data changes" }</h1>
                <p class="lede">
                    { "Online learning where the data changes: the same network, in your browser, meets one \
                       hospital's patients after another's. " }
                    <a href="/">{ "Back to the workbench" }</a>
                </p>
            </header>
            <HospitalsPanel seed={*seed} />
            <Footer />
        </main>
    }
}
