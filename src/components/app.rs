//! The page: the state and the parts that show it.

use yew::prelude::*;

use crate::components::{
    accuracy::Accuracy, controls::Controls, footer::Footer, learning_curve::LearningCurve, patient_form::PatientForm,
    setup_panel::SetupPanel, test_split::TestSplit,
};
use crate::setup::Setup;
use crate::state::{Action, State};

#[derive(Properties, PartialEq, Default)]
pub struct Props {
    /// The address's query (`?seed=42&hidden=32,16`); the page's own when not given.
    #[prop_or_default]
    pub query: Option<String>,
}

#[component]
pub fn App(props: &Props) -> Html {
    let start = use_state(|| setup_from_query(props.query.clone().unwrap_or_else(page_query).as_str()));
    let state = {
        let setup = start.0.clone();
        use_reducer(move || State::new(setup))
    };
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    let on_teach = {
        let state = state.clone();
        Callback::from(move |(patient, target)| state.dispatch(Action::Teach { patient, target }))
    };
    html! {
        <main class="page">
            <header>
                <h1>{ "Online learning in your browser" }</h1>
                <p class="lede">
                    { "A neural network learns to predict heart disease one patient at a time. \
                       It runs here, in your browser: nothing is sent to a server." }
                </p>
                for problem in start.1.iter() {
                    <p class="notice setup-notice" role="alert">{ problem }</p>
                }
            </header>
            <section class="card model" aria-labelledby="model-heading">
                <h2 id="model-heading">{ "The model" }</h2>
                <Accuracy score={state.report.score} />
                <Controls
                    remaining={state.report.remaining}
                    trained={state.report.trained}
                    taught={state.report.taught}
                    on_train={dispatch(Action::Train25)}
                    on_reset={dispatch(Action::Reset)}
                />
                <p id="status" class="status" role="status">{ &state.announcement }</p>
                if let Some(error) = &state.error {
                    <p class="error" role="alert">{ error }</p>
                }
            </section>
            <LearningCurve state={state.clone()} />
            <TestSplit evaluation={state.evaluation} tested={state.session().data().y_test.len()} />
            <PatientForm state={state.clone()} {on_teach} />
            <SetupPanel setup={state.setup.clone()} />
            <Footer />
        </main>
    }
}

/// The setup and its problems from a query string such as `?seed=42&hidden=32,16`.
fn setup_from_query(query: &str) -> (Setup, Vec<String>) {
    let params = web_sys::UrlSearchParams::new_with_str(query).ok();
    let get = |name: &str| params.as_ref().and_then(|params| params.get(name));
    let (seed, hidden) = (get("seed"), get("hidden"));
    Setup::from_query(seed.as_deref(), hidden.as_deref())
}

/// `location.search` of the page.
fn page_query() -> String {
    web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default()
}
