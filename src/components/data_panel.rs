//! The data the model learns: the bundled heart.csv, or the visitor's own file in
//! heart.csv's form or UCI's raw form (recoded to heart.csv's codes), with what became of
//! its missing values. A file that cannot be used is refused with its line and column, and
//! the session stays as it was.

use learner::uci::Missing;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::progress::{CancelFlag, Progress, ProgressBar};
use crate::components::sessions::Outcome;
use crate::state::{DataSource, State};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
    /// What became of the last file given.
    pub outcome: UseStateHandle<Option<Outcome>>,
    /// How the missing values of the files given from now on are handled, and another
    /// choice.
    pub missing: Missing,
    pub on_missing: Callback<Missing>,
    /// The session's file, when the other way was chosen for it: read again that way only
    /// when the visitor says so.
    pub read_again: Option<AttrValue>,
    pub on_read_again: Callback<MouseEvent>,
    /// Read this file as the data.
    pub on_file: Callback<web_sys::File>,
    /// Go back to the bundled heart.csv.
    pub on_bundled: Callback<MouseEvent>,
    /// The file being read, a slice at a time, and its Cancel.
    pub reading: Option<Progress>,
    pub reading_cancel: CancelFlag,
}

#[component]
pub fn DataPanel(props: &Props) -> Html {
    let on_missing = {
        let on_missing = props.on_missing.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            on_missing.emit(if value == "impute" { Missing::ImputeMean } else { Missing::DropRows });
        })
    };
    let on_change = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let impute = props.missing == Missing::ImputeMean;
    html! {
        <section class="card data" aria-labelledby="data-heading" data-lazy="">
            <h2 id="data-heading">{ "The data" }</h2>
            <p id="data-summary">{ props.state.data.summary.to_string() }</p>
            <div class="data-form">
                <label for="data-missing">{ "Missing values (\u{201c}?\u{201d} in UCI's raw files)" }</label>
                <select id="data-missing" onchange={on_missing} ~value={wasm_bindgen::JsValue::from_str(value_of(impute))}>
                    <option value="drop" selected={!impute}>{ "Leave the row out" }</option>
                    <option value="impute" selected={impute}>{ "Fill in the column's mean" }</option>
                </select>
                // The same live region either way, a notice while it offers something.
                if let Some(name) = &props.read_again {
                    <p id="data-read-again-note" class="notice" aria-live="polite">
                        { name.clone() }{ " was read the other way. This choice is for the files you give from now on, or " }
                        <button id="data-read-again" onclick={props.on_read_again.clone()}>
                            { "read " }{ name.clone() }{ " again this way (a new start)" }
                        </button>
                    </p>
                } else {
                    <p id="data-read-again-note" aria-live="polite"></p>
                }
                <label for="data-file">{ "Your own CSV: heart.csv's columns, or UCI's raw processed.*.data (or drop it on the page)" }</label>
                <input id="data-file" type="file" accept=".csv,.data,.txt,text/csv" onchange={on_change} />
            </div>
            if let Some(progress) = &props.reading {
                <ProgressBar id="data-read" progress={progress.clone()} cancel={props.reading_cancel.clone()} />
            }
            if matches!(props.state.data.source, DataSource::File { .. }) {
                <button id="data-bundled" onclick={props.on_bundled.clone()}>{ "Back to the bundled heart.csv" }</button>
            }
            { Outcome::paragraph(&props.outcome, "data-status") }
        </section>
    }
}

/// The `<select>`'s value for a choice.
fn value_of(impute: bool) -> &'static str {
    if impute {
        "impute"
    } else {
        "drop"
    }
}
