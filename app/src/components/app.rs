//! The page: the state and the parts that show it.

use yew::prelude::*;

use crate::components::{accuracy::Accuracy, controls::Controls, footer::Footer};
use crate::state::{Action, State};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::at_start);
    let on_train = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Train25))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Reset))
    };
    html! {
        <main class="page">
            <header>
                <h1>{ "Online learning in your browser" }</h1>
                <p class="lede">
                    { "A neural network learns to predict heart disease one patient at a time. \
                       It runs here, in your browser: nothing is sent to a server." }
                </p>
            </header>
            <section class="card" aria-labelledby="accuracy-heading">
                <h2 id="accuracy-heading" class="visually-hidden">{ "Model" }</h2>
                <Accuracy score={state.report.score} />
                <Controls
                    remaining={state.report.remaining}
                    trained={state.report.trained}
                    {on_train}
                    {on_reset}
                />
                if let Some(error) = &state.error {
                    <p class="error" role="alert">{ error }</p>
                }
            </section>
            <Footer />
        </main>
    }
}
