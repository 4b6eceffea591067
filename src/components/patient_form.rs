//! A patient to ask the model about and to teach it: the 13 features of heart.csv, each in
//! plain words, prefilled from a test patient and editable; the model's probability of heart
//! disease as the fields change; two buttons that teach the model this patient.

use learner::format::{shortest, to_fixed};
use learner::heart::{diagnosis, probability_of_disease, Feature, FieldError, Values, DISEASE, FEATURES, NO_DISEASE};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{DraftEdit, PatientDraft, State};
use crate::words::quoted;

/// How long a field waits after the visitor's last keystroke before its sentence is said
/// (what is wrong with it, or the prediction): one sentence for "145" typed, not three,
/// between a screen reader's echo of each key. GOV.UK's character count waits as long.
const QUIET_BEFORE_SAYING_MS: u32 = 1000;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
    /// The form as the visitor left it (kept with the saved session).
    pub draft: UseReducerHandle<PatientDraft>,
    /// Teach the model a patient (unscaled features) with heart.csv's `target`.
    pub on_teach: Callback<(Vec<f64>, u8)>,
}

#[component]
pub fn PatientForm(props: &Props) -> Html {
    let state = &*props.state;
    let data = state.session().data();
    let n_patients = data.y_test.len();
    let fields = &props.draft;
    let as_in_data = as_in_data(data, fields);
    let parsed: Vec<Result<f64, FieldError>> = FEATURES
        .iter()
        .zip(&fields.texts)
        .zip(&as_in_data)
        .map(|((feature, text), given)| given.map_or_else(|| feature.parse(text), Ok))
        .collect();
    let patient: Option<Vec<f64>> = parsed.iter().map(|value| value.as_ref().ok().copied()).collect();
    let probability =
        patient.as_ref().map(|patient| state.session().predict_proba_raw(patient).map(probability_of_disease));
    let in_test_split = patient.as_ref().and_then(|patient| data.test_patient(patient));

    // What the visitor last asked of the form: said once the form shows the answer (a
    // field's, once the typing has paused: `waiting` holds the timer, dropped to cancel it).
    let asked = use_mut_ref(|| None::<Asked>);
    let waiting = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let redraw = use_force_update();
    let show = |pick: fn(usize, usize) -> usize| {
        let (fields, data, asked, waiting) =
            (fields.clone(), state.session().shared_data(), asked.clone(), waiting.clone());
        Callback::from(move |_: MouseEvent| {
            let index = pick(fields.shown, n_patients);
            waiting.borrow_mut().take();
            *asked.borrow_mut() = Some(Asked::Patient);
            fields.dispatch(DraftEdit::Show { index, data: data.clone() })
        })
    };
    let on_previous = show(|shown, n| (shown + n - 1) % n);
    let on_next = show(|shown, n| (shown + 1) % n);
    // Another patient than the one shown (one of the n - 1 others), or the button would
    // seem to do nothing one time in n.
    let on_random = show(|shown, n| {
        (shown + 1 + ((js_sys::Math::random() * (n - 1) as f64) as usize).min(n.saturating_sub(2))) % n
    });
    // One callback for the page's life, so that the fields redraw only when they change.
    let on_edit = {
        let (fields, asked, waiting) = (fields.clone(), asked.clone(), waiting.clone());
        use_callback((), move |(index, text): (usize, String), _| {
            let (asked, redraw) = (asked.clone(), redraw.clone());
            *waiting.borrow_mut() = Some(gloo_timers::callback::Timeout::new(QUIET_BEFORE_SAYING_MS, move || {
                *asked.borrow_mut() = Some(Asked::Field(index));
                redraw.force_update();
            }));
            fields.dispatch(DraftEdit::Field { index, text })
        })
    };
    let teach = |target: u8| {
        let (on_teach, patient, waiting) = (props.on_teach.clone(), patient.clone(), waiting.clone());
        Callback::from(move |_: MouseEvent| {
            // The page's status says what teaching did; the field's sentence would come after it.
            waiting.borrow_mut().take();
            if let Some(patient) = &patient {
                on_teach.emit((patient.clone(), target));
            }
        })
    };

    let source = match in_test_split {
        Some(index) => {
            format!("Test patient {} of {n_patients}; in the data: {}.", index + 1, diagnosis(data.y_test[index]))
        }
        None => "Your own patient: not one of the test patients.".to_owned(),
    };
    let (probability_text, bar) = match &probability {
        Some(Ok(p)) => (format!("{}%", to_fixed(p * 100.0, 1)), Some(p * 100.0)),
        _ => ("\u{2014}".to_owned(), None),
    };
    let prediction = match &probability {
        Some(Ok(_)) => format!("Probability of heart disease: {probability_text}."),
        Some(Err(error)) => error.to_string(),
        None => no_prediction(&parsed),
    };
    // Said once for each patient shown (in the drawing that shows it) or field changed (a
    // second after the last keystroke), and gone at the next drawing, so that no stale
    // sentence is read later: not when the model's next step changes the probability (the
    // page's status speaks of that step). Who the patient is and the prediction; or, for a
    // field, what is wrong with it, or the prediction.
    let said = match asked.borrow_mut().take() {
        Some(Asked::Patient) => format!("{source} {prediction}"),
        Some(Asked::Field(index)) => match &parsed[index] {
            Err(error) => format!("{}: {error}.", FEATURES[index].label),
            Ok(_) => prediction,
        },
        None => String::new(),
    };

    html! {
        <section class="card patient" aria-labelledby="patient-heading">
            <h2 id="patient-heading">{ "A patient" }</h2>
            <div class="patient-nav">
                <p id="patient-source">{ source }</p>
                <div class="buttons">
                    // Named in full for a list of the page's buttons: "Previous patient".
                    <button id="patient-previous" aria-label="Previous patient" onclick={on_previous}>{ "Previous" }</button>
                    <button id="patient-next" aria-label="Next patient" onclick={on_next}>{ "Next" }</button>
                    <button id="patient-random" aria-label="Random patient" onclick={on_random}>{ "Random" }</button>
                </div>
            </div>
            <PatientFields texts={fields.texts.clone()} as_in_data={as_in_data.iter().map(Option::is_some).collect::<Vec<_>>()}
                           means_filled_in={state.data.means_filled_in()} {on_edit} />
            <div class="prediction">
                <p>
                    { "Probability of heart disease: " }
                    // Not live (an output is, by default): the sentence below says it once.
                    <output id="patient-probability" for="patient-form" aria-live="off">{ probability_text }</output>
                </p>
                <p id="patient-said" class="visually-hidden" aria-live="polite">{ quoted(&said) }</p>
                if let Some(width) = bar {
                    // An SVG bar: the site's Content-Security-Policy forbids style attributes.
                    <svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="track" width="100" height="4" />
                        <rect class="fill" width={to_fixed(width, 1)} height="4" />
                    </svg>
                }
                if patient.is_none() {
                    <p class="field-error">{ no_prediction(&parsed) }</p>
                }
                if let Some(Err(error)) = &probability {
                    <p class="field-error">{ error.to_string() }</p>
                }
            </div>
            // A group named by its sentence: a button reached alone says what it teaches.
            <div class="teach" role="group" aria-labelledby="teach-label"
                 aria-describedby={in_test_split.is_some().then_some("teach-in-test-split")}>
                <p id="teach-label">{ "Teach the model this patient (one learning step):" }</p>
                <div class="buttons">
                    <button id="teach-disease" disabled={patient.is_none()} onclick={teach(DISEASE)}>{ "Has heart disease" }</button>
                    <button id="teach-no-disease" disabled={patient.is_none()} onclick={teach(NO_DISEASE)}>{ "No heart disease" }</button>
                </div>
                if in_test_split.is_some() {
                    <p id="teach-in-test-split" class="notice">
                        { "This patient is in the test split: teaching it makes the held-out accuracy optimistic, \
                           since the model is then tested on a patient it has learned." }
                    </p>
                }
            </div>
        </section>
    }
}

/// Why there is no prediction: the field to correct named, where there is one.
fn no_prediction(parsed: &[Result<f64, FieldError>]) -> String {
    let mut wrong = parsed.iter().zip(FEATURES).filter(|(value, _)| value.is_err());
    match (wrong.next(), wrong.next()) {
        (Some((_, feature)), None) => {
            format!("No prediction until \u{201c}{}\u{201d} is filled in correctly.", feature.label)
        }
        _ => "No prediction until the fields marked above are filled in correctly.".to_owned(),
    }
}

/// What the visitor last asked of the form.
#[derive(Clone, Copy)]
enum Asked {
    /// Another test patient (Previous, Next, Random).
    Patient,
    /// Field `index` changed.
    Field(usize),
}

/// Per field, the value of the test patient shown where the field still holds it as the data
/// has it: taken as it is, though it may be no code of the form's (a category's mean, filled
/// in for a missing value) or outside the range a visitor may type (a raw file's 0 for an
/// unrecorded cholesterol), since it is the model's own input.
fn as_in_data(data: &learner::session::PreparedData, fields: &PatientDraft) -> Vec<Option<f64>> {
    let row = (fields.shown < data.x_test_raw.nrows()).then(|| data.x_test_raw.row(fields.shown));
    fields
        .texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let value = row.as_ref()?[index];
            (*text == Feature::format(value)).then_some(value)
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct FieldsProps {
    /// The fields as typed.
    texts: Vec<String>,
    /// Per field, whether it holds the shown test patient's value as the data has it (taken
    /// as it is: see [`as_in_data`]).
    as_in_data: Vec<bool>,
    /// Whether the data's reading filled in missing values with their column's means.
    means_filled_in: bool,
    /// The visitor changed field `index` to this text.
    on_edit: Callback<(usize, String)>,
}

/// The 13 fields, each labelled in words, with its message when it cannot be used. Drawn
/// again only when a field changes, not at every step of the model.
#[component]
fn PatientFields(props: &FieldsProps) -> Html {
    let parsed: Vec<Result<f64, FieldError>> =
        FEATURES.iter().zip(&props.texts).map(|(feature, text)| feature.parse(text)).collect();
    let parsed: Vec<Result<f64, FieldError>> = parsed
        .into_iter()
        .zip(&props.as_in_data)
        .map(|(parsed, &given)| if given { parsed.or(Ok(0.0)) } else { parsed })
        .collect();
    let inputs = FEATURES.iter().enumerate().map(|(index, feature)| {
        let id = format!("patient-{}", feature.name);
        let error_id = format!("{id}-error");
        let error = parsed[index].as_ref().err();
        let described = error.map(|_| error_id.clone());
        let control = match feature.values {
            Values::Number { unit, min, max, .. } => {
                let oninput = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |event: InputEvent| {
                        on_edit.emit((index, event.target_unchecked_into::<HtmlInputElement>().value()))
                    })
                };
                html! {
                    <>
                        <label for={id.clone()}>{ feature.label }<span class="unit">{ format!(" ({unit})") }</span></label>
                        <input id={id.clone()} name={feature.name} type="text" inputmode="decimal" autocomplete="off"
                               value={props.texts[index].clone()} {oninput}
                               aria-invalid={error.is_some().then_some("true")} aria-describedby={described}
                               title={format!("{} to {} {unit}", shortest(min), shortest(max))} />
                    </>
                }
            }
            Values::Codes(codes) => {
                let onchange = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |event: Event| {
                        on_edit.emit((index, event.target_unchecked_into::<HtmlSelectElement>().value()))
                    })
                };
                let options = codes.iter().map(|&(code, meaning)| {
                    html! { <option value={code.to_string()} selected={props.texts[index] == code.to_string()}>{ meaning }</option> }
                });
                // The data's own value where it is none of the codes: said in two decimals
                // (its value whole), and what it is where the reading filled in means (a
                // category's mean is between its codes).
                let text = &props.texts[index];
                let uncoded = props.as_in_data[index] && !codes.iter().any(|&(code, _)| *text == code.to_string());
                let uncoded = uncoded.then(|| {
                    let value = learner::number::parse(text).filter(|value| value.fract() != 0.0);
                    let (shown, what) = match value {
                        Some(value) if props.means_filled_in => (to_fixed(value, 2), "a missing value: its column's mean"),
                        Some(value) => (to_fixed(value, 2), "as the data has it"),
                        None => (text.clone(), "as the data has it"),
                    };
                    html! { <option value={text.clone()} selected=true>{ format!("{shown} ({what})") }</option> }
                });
                html! {
                    <>
                        <label for={id.clone()}>{ feature.label }</label>
                        <select id={id.clone()} name={feature.name} {onchange}
                                aria-invalid={error.is_some().then_some("true")} aria-describedby={described}>
                            { for options }
                            { for uncoded }
                        </select>
                    </>
                }
            }
        };
        html! {
            <div class="field">
                { control }
                if let Some(error) = error {
                    <p id={error_id} class="field-error">{ quoted(&format!("{}: {error}", feature.label)) }</p>
                }
            </div>
        }
    });

    html! {
        <form id="patient-form" class="patient-form" aria-labelledby="patient-heading"
              onsubmit={Callback::from(|event: SubmitEvent| event.prevent_default())}>
            { for inputs }
        </form>
    }
}
