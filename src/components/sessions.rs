//! Keeping the session and moving it: whether it is saved in this browser (and, when it
//! cannot be, why), start fresh, named snapshots (save as, open, delete), the model file
//! and the session snapshot to download, and a file to import (picked here or dropped on
//! the page).

use std::rc::Rc;

use learner::format::to_fixed;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::files::{download, model_file_json, snapshot_json};
use crate::focus::refocus_after_render;
use crate::loading::Request;
use crate::saved::{self, SNAPSHOTS};
use crate::state::{Action, Origin, PatientDraft, State};
use crate::storage::{Refusal, Store};
use crate::words::{quoted, sentence_case};

/// The longest name a snapshot takes: a line or two in the list.
const MAX_NAME_CHARS: usize = 80;

/// The snapshot that keeps the session "Start fresh" left (the last one left so): a press by
/// mistake loses nothing.
const BEFORE_FRESH: &str = "Before Start fresh";

/// The snapshot that keeps the session an imported file replaced (the last one so replaced).
pub const BEFORE_IMPORT: &str = "Before the import";

/// The snapshot that keeps the session a snapshot of the same setup replaced, when opened
/// (the last one so replaced).
const BEFORE_OPENING: &str = "Before opening a snapshot";

/// The snapshot that keeps the session other data replaced (a file read, read again, or back
/// to the bundled heart.csv; the last one so replaced).
pub const BEFORE_DATA: &str = "Before the data changed";

/// The session `state` (with the patient `draft`) kept as the snapshot `name`, before another
/// takes its place: `None` where there is nothing to keep (a start with no action since) or
/// no storage to keep it in (the browser refuses it, which the page says already).
pub fn keep_before_replacing(
    store: Option<&Store>,
    state: &State,
    draft: &PatientDraft,
    name: &str,
) -> Option<Result<(), Refusal>> {
    let untouched = matches!(state.origin, Origin::Start) && state.actions.is_empty();
    store.filter(|_| !untouched).map(|store| store.set(&saved::snapshot_key(name), &saved::write(state, draft)))
}

/// What [`keep_before_replacing`] did, as a sentence to follow what replaced the session
/// (empty where it kept nothing).
pub fn kept_before(kept: Option<Result<(), Refusal>>, name: &str) -> String {
    match kept {
        None => String::new(),
        Some(Ok(())) => format!(" The session before is kept as the snapshot \u{201c}{name}\u{201d}."),
        Some(Err(refusal)) => format!(" {}", refusal.told("the session before could not be kept as a snapshot.")),
    }
}

/// Whether the session is kept in this browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Keeping {
    /// Saved after every action.
    Saving,
    /// Not saved, for this reason (storage refused or full); the page goes on.
    Fault(String),
    /// The saved entry could not be read, for this reason: it is kept as it was, and the
    /// page does not save over it until the visitor discards it.
    Unreadable { reason: String, text: Rc<str> },
    /// Another tab of the same setup changed the saved entry: this tab no longer saves over
    /// it until the visitor says so.
    Elsewhere,
}

/// The outcome of the last file or snapshot action, for the visitor.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done(String),
    /// Done, and the page's status (`#status`) says so too, as it shows the session that
    /// took the place: shown here, hidden from screen readers, which hear it once.
    Shown(String),
    Refused(String),
    /// What a named snapshot's action did, shown beside the snapshots rather than under
    /// the files.
    AtSnapshots(Box<Outcome>),
}

impl Outcome {
    /// `text`, shown where it was asked for and said by the page's status (`#status`), which
    /// tells first that, then what `next`, the session taking the place, says of itself.
    pub fn said_first_by(next: &mut State, text: String) -> Outcome {
        next.announcement.insert_str(0, &format!("{text} "));
        Outcome::Shown(text)
    }

    /// This outcome, of a named snapshot's action: shown beside the snapshots.
    fn at_snapshots(self) -> Option<Outcome> {
        Some(Outcome::AtSnapshots(Box::new(self)))
    }

    /// The outcome as the paragraph `id` shows it: refusals marked as errors, what the
    /// status also says hidden from screen readers.
    pub fn paragraph(outcome: &Option<Outcome>, id: &'static str) -> Html {
        let said = match outcome {
            Some(Outcome::Done(text) | Outcome::Refused(text)) => html! { quoted(text) },
            Some(Outcome::Shown(text)) => html! { <span aria-hidden="true">{ quoted(text) }</span> },
            Some(Outcome::AtSnapshots(_)) | None => html! {},
        };
        // The same live region either way (the page patches its class).
        if matches!(outcome, Some(Outcome::Refused(_))) {
            html! { <p {id} class="error" aria-live="polite">{ said }</p> }
        } else {
            html! { <p {id} aria-live="polite">{ said }</p> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
    pub draft: UseReducerHandle<PatientDraft>,
    /// The page's storage, when the browser allows it.
    pub store: Option<Store>,
    pub keeping: UseStateHandle<Keeping>,
    pub outcome: UseStateHandle<Option<Outcome>>,
    /// Read and import this file.
    pub on_import: Callback<web_sys::File>,
    /// Another session asked for, to take this one's place once made
    /// ([`Loading::request`](crate::loading::Loading::request)).
    pub request: Callback<(), Request>,
    /// Whether the session asked for, now made, takes the page: unless one asked for after
    /// it already has ([`Loading::replaces`](crate::loading::Loading::replaces)).
    pub replaces: Callback<Request, bool>,
    /// The snapshots other tabs saved or deleted, counted: a change lists them again.
    pub snapshots_changed: u32,
}

#[component]
pub fn SessionPanel(props: &Props) -> Html {
    // Named snapshots are listed from storage; this counts the changes made here.
    let listing = use_state(|| 0u32);
    let name = use_state(String::new);
    // The snapshot a second "Save as" will replace: the visitor was told it exists.
    let replacing = use_state(|| None::<String>);
    let snapshots = props.store.as_ref().map(|store| store.keys_in(SNAPSHOTS)).unwrap_or_default();

    let keeping_text = match &*props.keeping {
        Keeping::Saving => "Saved in this browser after every action: a reload brings you back here.".to_owned(),
        Keeping::Fault(reason) => reason.clone(),
        Keeping::Elsewhere => "This setup's session was changed in another tab, so this tab no longer saves over \
                               it. Reload to go on from there, or keep this tab's session instead."
            .to_owned(),
        Keeping::Unreadable { reason, .. } => format!(
            "The session saved in this browser could not be read: {reason}. It is kept as it was, and this page \
             will not save over it until you discard it."
        ),
    };
    // "Start fresh" was refused for want of room to keep the session: a second press starts
    // fresh without keeping it.
    let unkept = use_state(|| false);
    let on_start_fresh = {
        let (state, draft, (request, replaces), store, outcome, listing, snapshots, unkept) = (
            props.state.clone(),
            props.draft.clone(),
            (props.request.clone(), props.replaces.clone()),
            props.store.clone(),
            props.outcome.clone(),
            listing.clone(),
            snapshots.clone(),
            unkept.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // The session left kept first, as the snapshot BEFORE_FRESH; if it cannot be,
            // nothing changes until the visitor says to go on without it. A start with no
            // action since has nothing to keep (a second press keeps the first's snapshot).
            let kept = keep_before_replacing(store.as_ref().filter(|_| !*unkept), &state, &draft, BEFORE_FRESH);
            let said = match kept {
                Some(Err(refusal)) => {
                    let not_kept = "the session is not kept as a snapshot, so it was not replaced.";
                    let reason = refusal.told(&when_full(not_kept, &snapshots));
                    outcome
                        .set(Outcome::Refused(format!("{reason} Or start fresh without keeping it.")).at_snapshots());
                    return unkept.set(true);
                }
                kept => format!("Started fresh.{}", kept_before(kept, BEFORE_FRESH)),
            };
            unkept.set(false);
            let (asked, from_revision, store) = (request.emit(()), state.revision(), store.clone());
            let (state, draft, outcome, listing, replaces) =
                (state.clone(), draft.clone(), outcome.clone(), listing.clone(), replaces.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut fresh = State::start_in_slices(state.setup.clone(), state.data.clone()).await;
                // Something asked for after it (an import, a snapshot, other data) has taken
                // the page: it stays; an action meanwhile ("+25") is kept with the session left.
                if !replaces.emit(asked) {
                    return;
                }
                if state.revision() != from_revision {
                    keep_before_replacing(store.as_ref(), &state, &draft, BEFORE_FRESH);
                }
                outcome.set(Outcome::said_first_by(&mut fresh, said).at_snapshots());
                listing.set(*listing + 1);
                draft.dispatch(crate::state::DraftEdit::Show { index: 0, data: fresh.session().shared_data() });
                state.dispatch(Action::Replace(Rc::new(fresh)));
            });
        })
    };
    let on_download_unreadable = {
        let keeping = props.keeping.clone();
        Callback::from(move |_: MouseEvent| {
            if let Keeping::Unreadable { text, .. } = &*keeping {
                download("unreadable-session.json", text, "application/json");
            }
        })
    };
    let on_discard = {
        let (keeping, store, state) = (props.keeping.clone(), props.store.clone(), props.state.clone());
        Callback::from(move |_: MouseEvent| {
            let removed = store.as_ref().map(|store| store.remove(&saved::autosave_key(&state.setup)));
            keeping.set(match removed {
                Some(Err(reason)) => Keeping::Fault(reason),
                _ => Keeping::Saving,
            });
            refocus_after_render("#start-fresh");
        })
    };
    let on_take_over = {
        let keeping = props.keeping.clone();
        Callback::from(move |_: MouseEvent| {
            keeping.set(Keeping::Saving);
            refocus_after_render("#start-fresh");
        })
    };
    let on_name = {
        let (name, replacing) = (name.clone(), replacing.clone());
        Callback::from(move |event: InputEvent| {
            name.set(event.target_unchecked_into::<HtmlInputElement>().value());
            replacing.set(None);
        })
    };
    let on_save_as = {
        let (state, draft, store, outcome, listing, name, replacing, snapshots) = (
            props.state.clone(),
            props.draft.clone(),
            props.store.clone(),
            props.outcome.clone(),
            listing.clone(),
            name.clone(),
            replacing.clone(),
            snapshots.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let title = name.trim().to_owned();
            let exists = snapshots.contains(&title);
            // A snapshot of that name is replaced only once the visitor has been told of it
            // and saves again.
            if exists && replacing.as_deref() != Some(title.as_str()) {
                outcome.set(
                    Outcome::Refused(format!(
                        "A snapshot named \u{201c}{title}\u{201d} exists. Save again to replace it, or choose \
                         another name."
                    ))
                    .at_snapshots(),
                );
                return replacing.set(Some(title));
            }
            let result = match &store {
                _ if shows_nothing(&title) => Err("Give the snapshot a name first.".to_owned()),
                _ if title.chars().count() > MAX_NAME_CHARS => {
                    Err(format!("Give the snapshot a name of at most {MAX_NAME_CHARS} characters."))
                }
                None => Err("This browser does not let the page store snapshots.".to_owned()),
                Some(store) => store
                    .set(&saved::snapshot_key(&title), &saved::write(&state, &draft))
                    .map_err(|refusal| refusal.told(&when_full("the snapshot is not saved.", &snapshots))),
            };
            let done = if exists { "Replaced the snapshot" } else { "Saved the session as" };
            outcome.set(
                match result {
                    Ok(()) => Outcome::Done(format!("{done} \u{201c}{title}\u{201d}.")),
                    Err(reason) => Outcome::Refused(reason),
                }
                .at_snapshots(),
            );
            replacing.set(None);
            listing.set(*listing + 1);
        })
    };
    let open = |title: String| {
        let (state, draft, store, outcome, (request, replaces), listing, replacing) = (
            props.state.clone(),
            props.draft.clone(),
            props.store.clone(),
            props.outcome.clone(),
            (props.request.clone(), props.replaces.clone()),
            listing.clone(),
            replacing.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // Another action on the snapshots: "Replace it" asks again.
            replacing.set(None);
            let Some(store) = store.clone() else { return };
            let asked = request.emit(());
            let (state, draft, outcome, listing, title, replaces) =
                (state.clone(), draft.clone(), outcome.clone(), listing.clone(), title.clone(), replaces.clone());
            // Replayed in slices: a big network's session takes a second or more.
            wasm_bindgen_futures::spawn_local(async move {
                let entry = store
                    .get(&saved::snapshot_key(&title))
                    .and_then(|text| text.ok_or_else(|| "it is gone".to_owned()));
                let opened = match entry.and_then(|text| saved::read(&text)) {
                    Ok(saved) => {
                        let patient = saved.patient.clone();
                        saved::replay_in_slices(saved).await.map(|state| (state, patient))
                    }
                    Err(reason) => Err(reason),
                };
                // A snapshot of another setup takes the place of the session saved for that
                // setup, which the visitor cannot see from here: that one is kept as a snapshot
                // first.
                // Something asked for after it has taken the page: it stays.
                if opened.is_ok() && !replaces.emit(asked) {
                    return;
                }
                let opened = opened.and_then(|(opened, patient)| {
                    let kept =
                        if opened.setup == state.setup { None } else { keep_saved_session(&store, &opened, &title)? };
                    Ok((opened, patient, kept))
                });
                match opened {
                    Ok((mut opened, patient, kept)) => {
                        let kept = match kept {
                            Some(name) => format!(
                                " The session this browser had saved for seed {}, hidden layers {} is kept as the snapshot \u{201c}{name}\u{201d}.",
                                opened.setup.seed,
                                opened.setup.hidden_text()
                            ),
                            // Of this setup: the session it replaces is kept, as an import keeps it
                            // (the one of another setup stays saved for that setup).
                            None if opened.setup == state.setup => kept_before(
                                keep_before_replacing(Some(&store), &state, &draft, BEFORE_OPENING),
                                BEFORE_OPENING,
                            ),
                            None => String::new(),
                        };
                        opened.announcement = format!(
                            "Opened \u{201c}{title}\u{201d}: held-out accuracy {}.{kept}",
                            opened.accuracy_text()
                        );
                        listing.set(*listing + 1);
                        outcome.set(Outcome::Shown(format!("Opened \u{201c}{title}\u{201d}.{kept}")).at_snapshots());
                        draft.dispatch(crate::state::DraftEdit::Replace(patient));
                        state.dispatch(Action::Replace(Rc::new(opened)));
                    }
                    Err(reason) => outcome.set(
                        Outcome::Refused(format!(
                            "\u{201c}{title}\u{201d} could not be opened: {reason}. Your session is unchanged."
                        ))
                        .at_snapshots(),
                    ),
                }
            });
        })
    };
    let delete = |title: String| {
        let (store, outcome, listing, replacing) =
            (props.store.clone(), props.outcome.clone(), listing.clone(), replacing.clone());
        Callback::from(move |_: MouseEvent| {
            // Another action on the snapshots: "Replace it" asks again.
            replacing.set(None);
            if let Some(store) = &store {
                outcome.set(
                    match store.remove(&saved::snapshot_key(&title)) {
                        Ok(()) => Outcome::Done(format!("Deleted \u{201c}{title}\u{201d}.")),
                        Err(reason) => Outcome::Refused(reason),
                    }
                    .at_snapshots(),
                );
            }
            listing.set(*listing + 1);
            refocus_after_render("#snapshot-name");
        })
    };
    // A model whose numbers overflowed (a huge imported one, learning on) is not written:
    // loading would refuse the file. The visitor is told why, and keeps the session.
    let export = |name: &'static str, write: fn(&State) -> String| {
        let (state, outcome) = (props.state.clone(), props.outcome.clone());
        Callback::from(move |_: MouseEvent| match state.session().model_file().check_writable() {
            Ok(()) => download(name, &write(&state), "application/json"),
            Err(error) => outcome
                .set(Some(Outcome::Refused(format!("{}. Nothing was downloaded.", sentence_case(&error.to_string()))))),
        })
    };
    let on_export_model = export("heart-model.json", |state| model_file_json(&state.session().model_file()));
    let on_export_session = export("heart-session.json", |state| snapshot_json(&state.session().snapshot()));
    let on_file = {
        let on_import = props.on_import.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_import.emit(file);
            }
            // The same file picked again is another import.
            input.set_value("");
        })
    };

    // A snapshot's outcome beside the snapshots, a file's under the files: each where it was
    // asked for, and the other place cleared.
    let (at_snapshots, at_files) = match &*props.outcome {
        Some(Outcome::AtSnapshots(outcome)) => (Some((**outcome).clone()), None),
        outcome => (None, outcome.clone()),
    };

    html! {
        <section class="card sessions" aria-labelledby="sessions-heading" data-lazy="">
            <h2 id="sessions-heading">{ "Keep it, move it" }</h2>
            // Live: a fault comes after an action, far from the control that made it, and
            // saving again once there is room is news too.
            // The same live region either way, a notice unless the session is saved.
            if matches!(*props.keeping, Keeping::Saving) {
                <p id="storage-status" aria-live="polite">{ quoted(&keeping_text) }</p>
            } else {
                <p id="storage-status" class="notice" aria-live="polite">{ quoted(&keeping_text) }</p>
            }
            <div class="buttons">
                if matches!(*props.keeping, Keeping::Unreadable { .. }) {
                    <button id="storage-download" onclick={on_download_unreadable}>{ "Download the unreadable session" }</button>
                    <button id="storage-discard" onclick={on_discard}>{ "Discard it and save this session" }</button>
                }
                if matches!(*props.keeping, Keeping::Elsewhere) {
                    <button id="storage-take-over" onclick={on_take_over}>{ "Keep this tab's session" }</button>
                }
                <button id="start-fresh" onclick={on_start_fresh}>
                    { if *unkept { "Start fresh without keeping it" } else { "Start fresh" } }
                </button>
            </div>
            <h3>{ "Snapshots in this browser" }</h3>
            <form id="snapshot-form" class="snapshot-form" onsubmit={on_save_as}>
                <label for="snapshot-name">{ "Snapshot name" }</label>
                <input id="snapshot-name" type="text" autocomplete="off" maxlength={MAX_NAME_CHARS.to_string()}
                       value={(*name).clone()} oninput={on_name} />
                <button id="snapshot-save" type="submit" disabled={props.store.is_none()}>
                    { if replacing.is_some() { "Replace it" } else { "Save as" } }
                </button>
            </form>
            if snapshots.is_empty() {
                <p id="snapshot-list" class="quiet">{ "No snapshots yet." }</p>
            } else {
                <ul id="snapshot-list" class="snapshots">
                    for title in snapshots {
                        <li key={title.clone()}>
                            <span class="snapshot-name">{ title.clone() }</span>
                            <button class="snapshot-open" onclick={open(title.clone())}
                                    aria-label={format!("Open {title}")}>{ "Open" }</button>
                            <button class="snapshot-delete" onclick={delete(title.clone())}
                                    aria-label={format!("Delete {title}")}>{ "Delete" }</button>
                        </li>
                    }
                </ul>
            }
            { Outcome::paragraph(&at_snapshots, "snapshot-status") }
            <h3>{ "Files" }</h3>
            <div class="buttons">
                <button id="export-model" onclick={on_export_model}>{ "Download the model" }</button>
                <button id="export-session" onclick={on_export_session}>{ "Download the session" }</button>
            </div>
            <p class="import">
                <label for="import-file">{ "Import a model file or a session snapshot (or drop one on the page): " }</label>
                <input id="import-file" type="file" accept=".json,application/json" onchange={on_file} />
            </p>
            <p class="quiet">
                { format!("Files up to {} MB. The files are JSON, read by scikit-learn through ", to_fixed(crate::files::MAX_FILE_BYTES / 1048576.0, 0)) }
                <code>{ "tools/sklearn_io.py" }</code>{ "; nothing is ever run from them." }
            </p>
            { Outcome::paragraph(&at_files, "import-status") }
        </section>
    }
}

/// Before `opened` (the snapshot `title`) takes the place of the session saved for its
/// setup, that session, if any and other than the snapshot, kept as a snapshot of its own:
/// its name, or an error if it could not be kept (then nothing is opened).
fn keep_saved_session(store: &Store, opened: &State, title: &str) -> Result<Option<String>, String> {
    let key = saved::autosave_key(&opened.setup);
    let Some(saved_text) = store.get(&key)? else { return Ok(None) };
    if store.get(&saved::snapshot_key(title))?.as_deref() == Some(saved_text.as_str()) {
        return Ok(None);
    }
    let base = format!("Saved session, seed {}, hidden {}", opened.setup.seed, opened.setup.hidden_text());
    let taken = store.keys_in(SNAPSHOTS);
    let mut name = base.clone();
    for n in 2.. {
        if !taken.contains(&name) {
            break;
        }
        name = format!("{base} ({n})");
    }
    store.set(&saved::snapshot_key(&name), &saved_text).map_err(|refusal| {
        let reason = refusal.told(&when_full("there is no room to keep it.", &taken));
        format!("the session saved for that setup could not be kept first ({reason})")
    })?;
    Ok(Some(name))
}

/// What a full storage did not keep (`not_kept`, a sentence), and what the visitor can do:
/// delete one of the `snapshots` if there are any, or take the session away as a file.
pub fn when_full(not_kept: &str, snapshots: &[String]) -> String {
    if snapshots.is_empty() {
        format!("{not_kept} Download the session to keep it.")
    } else {
        format!("{not_kept} Delete a saved snapshot to make room, or download the session to keep it.")
    }
}

/// Whether a name would show nothing in the list: only spaces and characters that are never
/// drawn (Unicode's default-ignorable code points: zero-width spaces and joiners, direction
/// marks, variation selectors, tags, ...).
fn shows_nothing(name: &str) -> bool {
    // From the end: the same answer, and the page's code at load keeps its own way through
    // a string's characters (from the start, `Chars::next`, inlined where it is used; one
    // more user here made the compiler share it, 51 bytes more at load).
    name.chars().rev().all(|c| {
        c.is_whitespace()
            || matches!(c, '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
                | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
    })
}
