//! Four hospitals as one stream: Cleveland, then Hungary, Switzerland and VA Long Beach,
//! through one online model with progressive validation, and drift detectors (River's
//! Page-Hinkley and ADWIN) on its errors. Two policies side by side: keep learning, or
//! start a new model at each ADWIN detection. The four raw files are fetched from the site
//! when the visitor asks for the scenario (they are not part of the page's first load).

use std::rc::Rc;

use learner::format::to_fixed;
use learner::hospitals::{
    stream_csv, HospitalsData, PageHinkleyPeak, Policy, SiteTally, StreamPoint, StreamRun, SITE_FILES,
};
use learner::mlp::MlpParams;
use learner::uci;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::long_stream::LongStreamRunner;
use crate::components::media::{use_media_query, NARROW_SCREEN};
use crate::components::progress::{give_back, in_slices};
use crate::files::download;
use crate::focus::use_focus_through_run;
use crate::words::{counted, quoted, thousands};

/// Both policies on the stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Runs {
    pub keep_learning: Vec<StreamPoint>,
    pub new_model_at_drift: Vec<StreamPoint>,
}

/// The four files' data (texts in [`SITE_FILES`] order) and both policies on it, seeded and
/// with the hidden layers as the page is: the files read, then each policy's run, each a task
/// of its own (the thread given back in between: together, in the browser's first run of
/// them, they took one task of over 50 ms).
pub async fn both_policies(texts: [&str; 4], seed: u32, hidden: &[usize]) -> Result<(Rc<HospitalsData>, Runs), String> {
    let data = HospitalsData::from_files(texts).map_err(|error| {
        // Named as a failed fetch names it: the first file that does not read on its own.
        let named = SITE_FILES.iter().zip(texts).find(|(_, text)| uci::read_stream(text).is_err());
        named.map_or_else(|| error.to_string(), |(file, _)| format!("uci/{file}, {error}"))
    })?;
    give_back().await;
    let runs = runs_of(&data, seed, hidden).await?;
    Ok((Rc::new(data), runs))
}

/// Both policies on `data`, each run in slices of about 8 ms
/// ([`SLICE_MS`](crate::components::progress::SLICE_MS)), the thread given back between them
/// and after each run: the default network's run of 920 patients is some 20 ms, but the
/// largest's (256,256,256) of 2,000 patients was a task of a second.
pub async fn runs_of(data: &HospitalsData, seed: u32, hidden: &[usize]) -> Result<Runs, String> {
    let params = &MlpParams::new().hidden_layer_sizes(hidden).check().map_err(|error| error.to_string())?;
    let run = |policy| async move {
        let mut run = StreamRun::new(data, seed, params, policy).map_err(|error| error.to_string())?;
        // A patient at a time: the largest network's takes about half a millisecond, so a
        // slice overruns by at most that.
        in_slices(|| run.advance(1).map_err(|error| error.to_string())).await?;
        give_back().await;
        Ok::<_, String>(run.points())
    };
    let keep_learning = run(Policy::KeepLearning).await?;
    let new_model_at_drift = run(Policy::NewModelAtDrift).await?;
    Ok(Runs { keep_learning, new_model_at_drift })
}

/// A stream panel's setup (the four hospitals', a visitor's own): the page's seed and layers.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub seed: u32,
    /// `hidden_layer_sizes`.
    pub hidden: Vec<usize>,
}

enum Stage {
    Idle,
    Fetching,
    Running,
    Done(Rc<HospitalsData>, Rc<Runs>),
    Failed(String),
}

#[component]
pub fn HospitalsPanel(props: &Props) -> Html {
    let stage = use_state(|| Stage::Idle);
    // A million samples streaming below: running the hospitals again would take the stream
    // off the page, so the run waits until it ends.
    let streaming = use_state(|| false);
    let on_running = use_callback(streaming.setter(), |running: bool, streaming| streaming.set(running));
    // The run button, disabled while the scenario runs, has the keyboard's focus back when
    // it ends if the focus was lost meanwhile.
    let scenario_running = matches!(*stage, Stage::Fetching | Stage::Running);
    use_focus_through_run(scenario_running, None, "#hospitals-run");
    let on_run = {
        let (stage, seed, hidden) = (stage.clone(), props.seed, props.hidden.clone());
        Callback::from(move |_: MouseEvent| {
            stage.set(Stage::Fetching);
            let (stage, hidden) = (stage.clone(), hidden.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let texts = match fetch_files().await {
                    Ok(texts) => texts,
                    Err(reason) => return stage.set(Stage::Failed(reason)),
                };
                stage.set(Stage::Running);
                stage.set(match both_policies([&texts[0], &texts[1], &texts[2], &texts[3]], seed, &hidden).await {
                    Ok((data, runs)) => Stage::Done(data, Rc::new(runs)),
                    Err(reason) => Stage::Failed(reason),
                });
            });
        })
    };
    // Said when the scenario starts and, with its summary, when it ends (a failure is an
    // alert of its own).
    let announcement = match &*stage {
        Stage::Fetching | Stage::Running => "Streaming the four hospitals\u{2026}".to_owned(),
        Stage::Done(_, runs) => summary(runs),
        Stage::Idle | Stage::Failed(_) => String::new(),
    };
    let body = match &*stage {
        Stage::Idle => html! {},
        Stage::Fetching => html! { <p>{ "Fetching UCI's four files\u{2026}" }</p> },
        Stage::Running => html! { <p>{ "Streaming 920 patients through both policies\u{2026}" }</p> },
        Stage::Failed(reason) => {
            html! { <p class="error" role="alert">{ quoted(&format!("The scenario could not run: {reason}.")) }</p> }
        }
        Stage::Done(data, runs) => html! {
            <>
                <StreamView prefix="hospitals" file_name={stream_file_name("four-hospitals", props.seed, &props.hidden)}
                            stream_name="the hospitals' stream" data={data.clone()} runs={runs.clone()} />
                <LongStreamRunner seed={props.seed} hidden={props.hidden.clone()} data={data.clone()} on_running={on_running.clone()} />
            </>
        },
    };
    html! {
        <section class="card hospitals" aria-labelledby="hospitals-heading">
            <h2 id="hospitals-heading">{ "Four hospitals, one stream" }</h2>
            <p>
                { "UCI's four sites one after the other: Cleveland (54% without heart disease), Hungary (64%), \
                   Switzerland (7%) and VA Long Beach (26%). Each patient is predicted, counted, then learned; \
                   Page-Hinkley and ADWIN watch the errors. Two policies side by side: keep learning, or start \
                   a new model at each ADWIN detection. Each file streams in its own order, and Hungary's lists \
                   its 188 patients without heart disease before its 106 with: the sharpest change of the \
                   stream, from patient 492, is inside Hungary, not between two sites. A detection is a change \
                   of the error rate either way: during Hungary's run of alike patients the errors fall." }
            </p>
            <button id="hospitals-run" onclick={on_run} disabled={scenario_running || *streaming}
                    aria-describedby={streaming.then_some("hospitals-waits")}>
                { "Stream the four hospitals" }
            </button>
            if *streaming {
                <p id="hospitals-waits" class="quiet">{ "It waits while the million samples stream below (it would take them off the page)." }</p>
            }
            { body }
            <p id="hospitals-announcement" class="visually-hidden" role="status" aria-live="polite">{ announcement }</p>
        </section>
    }
}

/// The four raw files, from the site.
async fn fetch_files() -> Result<Vec<String>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let mut texts = Vec::new();
    for file in SITE_FILES {
        let failed = |_| format!("uci/{file} could not be fetched (offline?)");
        let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&format!("uci/{file}")))
            .await
            .map_err(failed)?
            .unchecked_into::<web_sys::Response>();
        if !response.ok() {
            return Err(format!("uci/{file} answered {}", response.status()));
        }
        let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
        texts.push(text.as_string().unwrap_or_default());
    }
    Ok(texts)
}

/// The name of a stream's CSV file: `four-hospitals-seed5-hidden32-16.csv`.
pub fn stream_file_name(stream: &str, seed: u32, hidden: &[usize]) -> String {
    let hidden = learner::session::hidden_layers_text(hidden).replace(',', "-");
    format!("{stream}-seed{seed}-hidden{hidden}.csv")
}

/// Both policies' outcome in a sentence each: the progressive accuracy over the stream and
/// the detections of each detector (and the new models the second policy started).
pub fn summary(runs: &Runs) -> String {
    let n = runs.keep_learning.len();
    let of = |points: &[StreamPoint]| {
        let last = points.last().map_or(0.0, |point| point.progressive);
        let adwin = points.iter().filter(|point| point.adwin).count();
        let page_hinkley = points.iter().filter(|point| point.page_hinkley).count();
        format!(
            "progressive accuracy {} over {}, {} and {}",
            to_fixed(last, 5),
            counted(n, "patient", "patients"),
            counted(adwin, "ADWIN detection", "ADWIN detections"),
            counted(page_hinkley, "Page-Hinkley detection", "Page-Hinkley detections")
        )
    };
    let new_models =
        counted(runs.new_model_at_drift.iter().filter(|point| point.new_model).count(), "new model", "new models");
    format!(
        "Keep learning: {}. New model at each ADWIN detection: {} ({new_models}).",
        of(&runs.keep_learning),
        of(&runs.new_model_at_drift)
    )
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    /// What the view's ids begin with (`hospitals`: `#hospitals-chart`, ...).
    pub prefix: AttrValue,
    /// The name of its CSV file.
    pub file_name: String,
    /// The stream in words, for its download button ("the hospitals' stream"): the page's two
    /// buttons are told apart by name, in a screen reader's list of buttons too.
    pub stream_name: AttrValue,
    pub data: Rc<HospitalsData>,
    pub runs: Rc<Runs>,
}

/// The chart's drawing area, in the units of its `viewBox`.
#[derive(Clone, Copy)]
struct Frame {
    width: f64,
    height: f64,
}

/// On a wide screen, a wide chart.
const WIDE: Frame = Frame { width: 640.0, height: 240.0 };
/// On a phone, a taller one: drawn at the width of a 640-wide chart, half as wide as the
/// screen, the text would be half its size (style.css sets both sizes for the same query).
const NARROW: Frame = Frame { width: 360.0, height: 270.0 };
/// The space left and right of the plot.
const MARGIN: f64 = 32.0;
/// The space below it: the patients' numbers, then the axis's name.
const BOTTOM: f64 = 46.0;
/// The patients numbered under the plot (and the last).
const TICKS: [usize; 5] = [1, 200, 400, 600, 800];
/// The space above it: the sites' names in two rows, each name in the row other than its
/// neighbour's, so that a short site's name (Switzerland's 123 patients) never runs into the
/// next one's.
const TOP: f64 = 44.0;
/// The baselines of the two rows of names.
const NAME_ROWS: [f64; 2] = [14.0, 32.0];
/// The chart's text size, in the units of its `viewBox` (style.css: 11px, 14px on a phone),
/// and the width a character of a name takes at most, as a share of it (the page's sans
/// serif draws a file's name at about half of it).
const TEXT_SIZE: [f64; 2] = [11.0, 14.0];
const CHARACTER_WIDTH: f64 = 0.55;
/// The least space between two names of a row.
const NAME_GAP: f64 = 8.0;

/// A site's name on the chart: where it is drawn, and whether it was shortened to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLabel {
    pub text: String,
    pub x: f64,
    pub anchor: &'static str,
    pub shortened: bool,
}

/// The sites' names laid out over the chart (`starts`: each site's first patient's x; the
/// names in two rows, each in the row other than its neighbour's): a name begins at its
/// site's line; the last of its row may end at the chart's edge instead; a name with no room
/// for it is shortened to the room it has, with an ellipsis (the sites' table and the chart's
/// title hold it whole), so that no two names are drawn over each other (a visitor's sites
/// may be long-named, or of one patient).
pub fn site_labels(starts: &[f64], names: &[&str], width: f64, character: f64) -> Vec<SiteLabel> {
    let mut labels: Vec<SiteLabel> = Vec::with_capacity(names.len());
    // Where each label's text ends.
    let mut ends: Vec<f64> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let at = starts[i] + 3.0;
        // Up to the next name of its row, or the chart's edge; from the last name of its row.
        let right = starts.get(i + 2).map_or(width - 2.0, |next| next + 3.0 - NAME_GAP);
        let left = if i >= 2 { ends[i - 2] + NAME_GAP } else { 0.0 };
        let length = name.chars().count() as f64 * character;
        let label = if at + length <= right {
            SiteLabel { text: (*name).to_owned(), x: at, anchor: "start", shortened: false }
        } else if i + 2 >= names.len() && right - length >= left {
            SiteLabel { text: (*name).to_owned(), x: right, anchor: "end", shortened: false }
        } else {
            // The ellipsis counted as two characters: the page's fonts draw it about an em wide.
            let room = ((right - at) / character).floor() as usize;
            let text = match room {
                0..3 => String::new(),
                _ => name.chars().take(room - 2).chain(['\u{2026}']).collect(),
            };
            SiteLabel { text, x: at, anchor: "start", shortened: true }
        };
        let drawn = label.text.chars().map(|c| if c == '\u{2026}' { 2.0 } else { 1.0 }).sum::<f64>() * character;
        ends.push(match label.anchor {
            "end" => right,
            _ => at + drawn,
        });
        labels.push(label);
    }
    labels
}

/// The progressive accuracy over the last 50 patients of both policies, the sites, and the
/// detections; the detections as a table.
#[component]
pub fn StreamView(props: &ViewProps) -> Html {
    let narrow = use_media_query(NARROW_SCREEN);
    let Frame { width, height } = if narrow { NARROW } else { WIDE };
    let runs = &props.runs;
    let n = runs.keep_learning.len();
    let id = |part: &str| format!("{}-{part}", props.prefix);
    let site_names = &props.data.site_names;
    let download_csv = {
        let (data, runs, name) = (props.data.clone(), props.runs.clone(), props.file_name.clone());
        Callback::from(move |_: MouseEvent| {
            let both = [
                (Policy::KeepLearning, &runs.keep_learning[..]),
                (Policy::NewModelAtDrift, &runs.new_model_at_drift[..]),
            ];
            download(&name, &stream_csv(&data, &both), "text/csv");
        })
    };
    let x = |index: usize| MARGIN + (width - 2.0 * MARGIN) * index as f64 / (n.max(2) - 1) as f64;
    let y = |value: f64| height - BOTTOM - (height - BOTTOM - TOP) * value;
    let tenths = |value: f64| to_fixed(value, 1);
    // A stream of one patient: a line of no length, which its round caps draw as a dot.
    let path = |points: &[StreamPoint]| {
        let line = points
            .iter()
            .enumerate()
            .map(|(i, point)| {
                format!("{}{},{}", if i == 0 { "M" } else { "L" }, tenths(x(i)), tenths(y(point.progressive_recent)))
            })
            .collect::<String>();
        if points.len() == 1 {
            line + "h0"
        } else {
            line
        }
    };
    let starts: Vec<usize> =
        (0..n).filter(|&i| i == 0 || runs.keep_learning[i].site != runs.keep_learning[i - 1].site).collect();
    // Laid out so that no two names meet (`site_labels`), each measured by the text's size.
    let names: Vec<&str> = starts.iter().map(|&i| site_names[runs.keep_learning[i].site].as_str()).collect();
    let starts_x: Vec<f64> = starts.iter().map(|&i| x(i)).collect();
    let character = CHARACTER_WIDTH * TEXT_SIZE[usize::from(narrow)];
    let labels = site_labels(&starts_x, &names, width, character);
    let sites = starts_x.iter().zip(labels).zip(&names).enumerate().map(|(row, ((&start, label), name))| {
        let baseline = NAME_ROWS[row % 2];
        html! {
            <g class="site">
                if label.shortened {
                    <title>{ name.to_string() }</title>
                }
                <line x1={tenths(start)} x2={tenths(start)} y1={tenths(baseline + 4.0)} y2={tenths(height - BOTTOM)} />
                <text x={tenths(label.x)} y={tenths(baseline)} text-anchor={label.anchor}>{ label.text }</text>
            </g>
        }
    });
    // Keep learning's detections as rings around the other policy's dots: where both detect
    // at one patient (the two are one model until the first detection), both show.
    let marks = |points: &[StreamPoint], class: &'static str, radius: &'static str| -> Html {
        points
            .iter()
            .enumerate()
            .filter(|(_, point)| point.adwin)
            .map(|(i, point)| html! { <circle class={class} cx={tenths(x(i))} cy={tenths(y(point.progressive_recent))} r={radius} /> })
            .collect()
    };
    // Grouped by policy, two columns: a phone's width holds the table without scrolling.
    let detections = [
        ("keep learning", &runs.keep_learning),
        ("new model at each ADWIN detection", &runs.new_model_at_drift),
    ]
    .into_iter()
    .map(|(policy, points)| {
        let rows: Vec<Html> = points
            .iter()
            .enumerate()
            .flat_map(|(i, point)| {
                let detectors = [(point.page_hinkley, "Page-Hinkley"), (point.adwin, "ADWIN")];
                detectors.into_iter().filter(|(hit, _)| *hit).map(move |(_, detector)| {
                    html! { <tr><td>{ format!("{} ({})", i + 1, site_names[point.site]) }</td><td>{ detector }</td></tr> }
                })
            })
            .collect();
        html! {
            <tbody>
                <tr><th scope="rowgroup" colspan="2">{ policy }</th></tr>
                if rows.is_empty() {
                    <tr><td colspan="2">{ "no detection" }</td></tr>
                }
                { for rows }
            </tbody>
        }
    });
    // The chart's lines site by site, in words: what a reader of the chart sees, and what a
    // screen reader's user cannot from its title alone.
    let tallies = SiteTally::of(&props.data, &runs.keep_learning)
        .into_iter()
        .zip(SiteTally::of(&props.data, &runs.new_model_at_drift));
    // Three columns, the site's patients under its name: a phone's width holds them.
    let site_rows = tallies.map(|(keep, renew)| {
        let without = to_fixed(100.0 * keep.no_disease as f64 / keep.patients as f64, 0);
        html! {
            <tr>
                <th scope="row">
                    { breakable(&site_names[keep.site]) }
                    <span class="site-patients">{ format!(" {}, {without}% without heart disease", counted(keep.patients, "patient", "patients")) }</span>
                </th>
                <td>{ to_fixed(keep.accuracy(), 5) }</td>
                <td>{ to_fixed(renew.accuracy(), 5) }</td>
            </tr>
        }
    });
    // How near Page-Hinkley came, for each policy: its table rows alone would not say.
    let peak =
        |points: &[StreamPoint]| PageHinkleyPeak::of(points).map(|peak| peak.describe(site_names)).unwrap_or_default();
    let page_hinkley = format!(
        "Page-Hinkley, with River's defaults: keep learning, {}; a new model at each ADWIN detection, {}.",
        peak(&runs.keep_learning),
        peak(&runs.new_model_at_drift)
    );
    html! {
        <>
            <p id={id("summary")}>{ summary(runs) }</p>
            <svg id={id("chart")} class="stream-chart" viewBox={format!("0 0 {width} {height}")} role="img" aria-labelledby={id("chart-title")}>
                <title id={id("chart-title")}>
                    { format!("Progressive accuracy over the last 50 patients along the sites ({}), both policies, the \
                               detections marked", site_names.join(", ")) }
                </title>
                { for sites }
                <line class="axis" x1={tenths(MARGIN)} x2={tenths(width - MARGIN)} y1={tenths(y(0.5))} y2={tenths(y(0.5))} />
                for (value, label) in [(0.0, "0.0"), (0.5, "0.5"), (1.0, "1.0")] {
                    <text x={tenths(MARGIN - 4.0)} y={tenths(y(value) + 4.0)} text-anchor="end">{ label }</text>
                }
                // The last patient numbered too; a round number too near it to be read apart, not.
                // The first begins at the axis, apart from the y axis's "0.0" at the corner.
                for patient in TICKS.into_iter().filter(|&patient| patient + n / 12 < n).chain([n]) {
                    <text x={tenths(x(patient - 1))} y={tenths(height - BOTTOM + 16.0)}
                          text-anchor={if patient == 1 { "start" } else { "middle" }}>
                        { thousands(patient as u64) }
                    </text>
                }
                <text x={tenths(width / 2.0)} y={tenths(height - 6.0)} text-anchor="middle">
                    { format!("Patients in stream order (1 to {n})") }
                </text>
                // Page-Hinkley's detections, of either policy, as dashed vertical lines.
                for i in (0..n).filter(|&i| runs.keep_learning[i].page_hinkley || runs.new_model_at_drift.get(i).is_some_and(|point| point.page_hinkley)) {
                    <line class="axis" x1={tenths(x(i))} x2={tenths(x(i))} y1={tenths(y(1.0))} y2={tenths(y(0.0))} />
                }
                <path class="line keep" d={path(&runs.keep_learning)} />
                <path class="line renew" d={path(&runs.new_model_at_drift)} />
                { marks(&runs.keep_learning, "detection keep", "7") }
                { marks(&runs.new_model_at_drift, "detection renew", "4") }
            </svg>
            <ul class="legend">
                <li><span class="swatch keep"></span>{ "Keep learning; its ADWIN detections: rings" }</li>
                <li><span class="swatch renew"></span>{ "A new model at each ADWIN detection; its detections: dots" }</li>
                <li>
                    { "Each line: the accuracy, 0 to 1, over the last 50 patients (over fewer at the start, hence its first \
                       jumps), each predicted before it is learned; until the first detection both policies are one model, \
                       and the lines coincide. Dashed grey lines: across, 0.5; upright, a Page-Hinkley detection (the table \
                       says whose)" }
                </li>
            </ul>
            <table id={id("sites")} class="sites">
                <caption>{ "Accuracy at each site, each patient predicted before it is learned" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Site" }</th>
                        <th scope="col">{ "Keep learning" }</th>
                        <th scope="col">{ "New model at each ADWIN detection" }</th>
                    </tr>
                </thead>
                <tbody>{ for site_rows }</tbody>
            </table>
            // The file is written by the page's lazy module: fetched as the pointer comes near.
            <div class="buttons" data-lazy="">
                <button id={id("download")} onclick={download_csv} aria-describedby={id("download-note")}>
                    { format!("Download {} as CSV", props.stream_name) }
                </button>
            </div>
            <p id={id("download-note")} class="quiet">
                { "Both runs, a line per patient: its site and diagnosis, the probability the model gave before \
                   learning it, the error, the accuracies, Page-Hinkley's tests and the detections, each number in \
                   full (tools/check_stream.py replays it in scikit-learn and River)." }
            </p>
            // Shown whole (a few rows), not in a box that scrolls and could hide its last rows.
            <table id={id("detections")} class="detections">
                <caption>{ "Drift detections, by policy" }</caption>
                <thead><tr><th scope="col">{ "Patient (site)" }</th><th scope="col">{ "Detector" }</th></tr></thead>
                { for detections }
            </table>
            <p class="quiet">
                { format!(
                    "Each detection is on the errors; patients are counted from the first of {}. ADWIN looks for a \
                     change only every 32 patients (River's clock), so its detections fall on multiples of 32: each \
                     marks where a change was noticed, not exactly where it began.",
                    site_names[0]
                ) }
            </p>
            <p id={id("page-hinkley")}>{ page_hinkley }</p>
        </>
    }
}

/// A site's name (a visitor's file's: `processed.switzerland.data`) that may break after its
/// dots, dashes and underscores, where a phone's narrow table would otherwise overflow.
fn breakable(name: &str) -> Html {
    name.split_inclusive(['.', '-', '_'])
        .enumerate()
        .map(|(i, part)| {
            html! {
                <>
                    if i > 0 { <wbr /> }
                    { part.to_owned() }
                </>
            }
        })
        .collect()
}
