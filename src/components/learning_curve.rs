//! The learning curve: accuracy against samples learned, drawn as SVG. The held-out
//! accuracy after every sample, progressive validation's (cumulative and over the last 50),
//! taught samples marked, earlier runs faded behind; the same numbers as a table on demand.

use learner::heart::diagnosis;
use learner::metrics::RECENT_WINDOW;
use learner::session::{curve_csv, source_text, CurvePoint, Source};
use yew::prelude::*;

use learner::format::to_fixed;

use crate::components::media::{use_media_query, NARROW_SCREEN};
use crate::files::download;
use crate::state::{DataSource, State};
use crate::words::{counted, samples};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
}

/// The chart's width (in the units of its `viewBox`) and the most ticks on its x axis past
/// the zero (so that a big file's axis keeps its labels apart).
#[derive(Clone, Copy)]
struct Frame {
    width: f64,
    x_ticks: usize,
}

/// On a wide screen.
const WIDE: Frame = Frame { width: 640.0, x_ticks: 8 };
/// On a phone: a 640-wide chart drawn on a 300-pixel screen would draw its text at half
/// size, so the phone's is narrower, with larger text than a scaled-down one could fit
/// (style.css sets the text's size for the same query), and fewer ticks.
const NARROW: Frame = Frame { width: 400.0, x_ticks: 5 };

impl Frame {
    fn for_screen(narrow: bool) -> Self {
        if narrow {
            NARROW
        } else {
            WIDE
        }
    }
}

const HEIGHT: f64 = 300.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 44.0;
/// Samples between the ticks of an x axis of `samples`: the first round step (1, 2 or 5 times
/// a power of ten) that needs at most `ticks` ticks.
fn x_tick(samples: usize, ticks: usize) -> usize {
    std::iter::successors(Some(1_usize), |power| power.checked_mul(10))
        .flat_map(|power| [Some(power), power.checked_mul(2), power.checked_mul(5)].into_iter().flatten())
        .find(|&step| samples / step <= ticks)
        .unwrap_or(usize::MAX)
}

/// Where the chart puts a point.
struct Scale {
    samples: f64,
    /// The chart's width: [`WIDE`]'s or [`NARROW`]'s.
    width: f64,
}

impl Scale {
    fn x(&self, samples: usize) -> f64 {
        LEFT + samples as f64 / self.samples * (self.width - LEFT - RIGHT)
    }

    fn y(&self, accuracy: f64) -> f64 {
        TOP + (1.0 - accuracy) * (HEIGHT - TOP - BOTTOM)
    }

    /// An SVG path through the points.
    fn path(&self, curve: &[CurvePoint], value: fn(&CurvePoint) -> f64) -> String {
        let mut path = String::with_capacity(curve.len() * 14);
        for (index, point) in curve.iter().enumerate() {
            path.push(if index == 0 { 'M' } else { 'L' });
            push_tenths(&mut path, self.x(point.samples));
            path.push(',');
            push_tenths(&mut path, self.y(value(point)));
        }
        path
    }
}

/// A ring of radius 3 around a path's current point, drawn by the path's stroke, and back.
const NOW_RING: &str = "m-3,0a3,3 0 1 0 6,0a3,3 0 1 0-6,0";

/// A coordinate as an attribute's text.
fn tenths(value: f64) -> String {
    let mut text = String::new();
    push_tenths(&mut text, value);
    text
}

/// A non-negative coordinate to a tenth of a unit, written as integers (`itoa`): a click
/// redraws hundreds of them, and float formatting costs far more (`core::fmt` for the
/// integers was still 5% of a click).
fn push_tenths(path: &mut String, value: f64) {
    let tenths = (value * 10.0).round() as u64;
    path.push_str(itoa::Buffer::new().format(tenths / 10));
    path.push('.');
    path.push(char::from(b'0' + (tenths % 10) as u8));
}

#[component]
pub fn LearningCurve(props: &Props) -> Html {
    let table_shown = use_state(|| false);
    let narrow = use_media_query(NARROW_SCREEN);
    let state = &*props.state;
    let curve = state.session().curve();
    let learned = state.session().model().samples_seen();
    let n_train = state.session().data().n_train();
    let longest = state.earlier_runs.iter().filter_map(|run| run.last()).chain(curve.last()).map(|point| point.samples);
    let width = Frame::for_screen(narrow).width;
    let scale = Scale { samples: longest.max().unwrap_or(0).max(n_train) as f64, width };
    let toggle = {
        let table_shown = table_shown.clone();
        Callback::from(move |_: MouseEvent| table_shown.set(!*table_shown))
    };
    let download_csv = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| {
            let curves = state.earlier_runs.iter().map(|run| &run[..]).chain([state.session().curve()]);
            let runs = curves.zip(state.taught_by_run());
            let first_run = state.first_kept_run();
            // The setup in the name (that of the session running: an imported one's stream and
            // layers may be other than the page's), and the visitor's file when the data is theirs.
            let data = match &state.data.source {
                DataSource::Bundled => String::new(),
                DataSource::File { name, .. } => format!("-on-{}", name.strip_suffix(".csv").unwrap_or(name)),
            };
            let setup = state.running_setup().unwrap_or_else(|| state.setup.clone());
            let name = format!("learning-curve-seed{}-hidden{}{data}.csv", setup.seed, setup.hidden_text());
            download(&name.replace(',', "-"), &curve_csv(first_run, runs), "text/csv");
        })
    };

    let description = describe(curve, state.earlier_runs.len(), learned);
    let mut held_out = scale.path(curve, |point| point.held_out);
    if !curve.is_empty() {
        // Where the model stands now, a ring at the line's end: the only mark of a run of one
        // point (just reset), which draws no line.
        held_out.push_str(NOW_RING);
    }
    let earlier = state.earlier_runs.iter().map(|run| {
        html! { <path class="line earlier" d={scale.path(run, |point| point.held_out)} /> }
    });
    let taught = curve.iter().filter_map(|point| match point.source {
        Source::Taught { label, .. } => Some(html! {
            <circle class="taught" cx={tenths(scale.x(point.samples))} cy={tenths(scale.y(point.held_out))} r="5">
                <title>{ format!("Sample {}: a patient you taught, as {}", point.samples, diagnosis(label)) }</title>
            </circle>
        }),
        Source::Stream => None,
    });

    html! {
        <section class="card curve" aria-labelledby="curve-heading">
            <h2 id="curve-heading">{ "Learning curve" }</h2>
            // Not a figure: named by its caption (the legend), a figure would have a screen
            // reader read the legend twice, as its name and as its content; named otherwise,
            // it would repeat the card's name. The chart is an image named by its title and
            // described by its description (`desc`, which names nothing: read once).
            <div class="figure">
                <svg id="curve-chart" viewBox={format!("0 0 {} {}", tenths(width), tenths(HEIGHT))} role="img"
                     aria-labelledby="curve-title" preserveAspectRatio="xMidYMid meet">
                    <title id="curve-title">{ "Accuracy against samples learned" }</title>
                    <desc id="curve-desc">{ description.clone() }</desc>
                    <Axes samples={scale.samples as usize} {narrow} />
                    { for earlier }
                    <path class="line recent" d={scale.path(curve, |point| point.progressive_recent)} />
                    <path class="line progressive" d={scale.path(curve, |point| point.progressive)} />
                    <path class="line held-out" d={held_out} />
                    { for taught }
                </svg>
                // Said for all to see: an empty chart with no word of why looks broken.
                if curve.is_empty() && learned > 0 {
                    <p id="curve-note">{ description }</p>
                }
                <Legend
                    taught={curve.iter().any(|point| point.source != Source::Stream)}
                    earlier={!state.earlier_runs.is_empty()}
                    tested={state.session().data().y_test.len()}
                    every={state.session().curve_every()}
                />
            </div>
            <div class="buttons">
                <button id="curve-table-toggle" aria-expanded={table_shown.to_string()} aria-controls={table_shown.then_some("curve-table-region")} onclick={toggle}>
                    { if *table_shown { "Hide table" } else { "Show as table" } }
                </button>
                <button id="curve-download" onclick={download_csv}>{ "Download as CSV" }</button>
            </div>
            if *table_shown {
                <CurveTable curve={curve.to_vec()} />
            }
        </section>
    }
}

/// The empty chart of a model imported after `learned` samples, in a sentence. Apart and
/// cold: the page's module keeps what runs at load and in everyday use (this does not).
#[cold]
#[inline(never)]
fn imported_after(learned: u64) -> String {
    format!("Imported after {}: the curve begins with the next sample learned here.", samples(learned))
}

/// The chart in a sentence, for those who cannot see it; `learned`, the samples the model
/// has learned, tells an imported model that has learned none here yet.
fn describe(curve: &[CurvePoint], earlier_runs: usize, learned: u64) -> String {
    let Some(last) = curve.last() else {
        return match learned {
            0 => "Nothing learned yet.".to_owned(),
            learned => imported_after(learned),
        };
    };
    let earlier = match earlier_runs {
        0 => String::new(),
        1 => " One earlier run is drawn faded.".to_owned(),
        runs => format!(" {runs} earlier runs are drawn faded."),
    };
    let (first, now) = (to_fixed(curve[0].held_out, 5), to_fixed(last.held_out, 5));
    // A model imported after it learned elsewhere: the curve begins where the page took it.
    let held_out = match (curve[0].samples, curve.len()) {
        (_, 1) => format!("Held-out accuracy {now} after sample {}.", last.samples),
        (1, _) => format!("Held-out accuracy after each of the {} samples learned, from {first} after the first to {now} now.", last.samples),
        (start, _) => format!(
            "Held-out accuracy after each sample learned here, samples {start} to {}, from {first} after sample {start} to {now} now.",
            last.samples
        ),
    };
    format!(
        "{held_out} Progressive accuracy {} over all samples, {} over the last {RECENT_WINDOW}.{earlier}",
        to_fixed(last.progressive, 5),
        to_fixed(last.progressive_recent, 5)
    )
}

#[derive(Properties, PartialEq)]
struct TableProps {
    curve: Vec<CurvePoint>,
}

/// The chart's numbers, one row per sample count.
#[component]
fn CurveTable(props: &TableProps) -> Html {
    // One keyed component per row: a click formats only the rows it adds.
    let rows = props.curve.iter().map(|&point| html! { <CurveRow key={point.samples} {point} /> });
    html! {
        <div id="curve-table-region" class="table-scroll" role="region" aria-labelledby="curve-table-caption" tabindex="0">
            <table id="curve-table">
                <caption id="curve-table-caption">{ "Learning curve, point by point" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Samples" }</th>
                        <th scope="col">{ "Held-out accuracy" }</th>
                        <th scope="col">{ "Progressive accuracy" }</th>
                        <th scope="col">{ format!("Progressive, last {RECENT_WINDOW}") }</th>
                        <th scope="col">{ "Sample" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    point: CurvePoint,
}

#[component]
fn CurveRow(props: &RowProps) -> Html {
    let point = &props.point;
    let source = source_text(point.source);
    html! {
        <tr>
            <td>{ point.samples }</td>
            <td>{ to_fixed(point.held_out, 5) }</td>
            <td>{ to_fixed(point.progressive, 5) }</td>
            <td>{ to_fixed(point.progressive_recent, 5) }</td>
            <td>{ source }</td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct AxesProps {
    /// Samples at the right end of the x axis.
    samples: usize,
    /// Whether the chart is drawn narrow, for a phone.
    narrow: bool,
}

/// The grid, the ticks and the axis label: drawn again only when the x axis grows (or the
/// screen turns).
#[component]
fn Axes(props: &AxesProps) -> Html {
    let Frame { width, x_ticks: most_ticks } = Frame::for_screen(props.narrow);
    let scale = Scale { samples: props.samples as f64, width };
    let grid = (0..=5).map(|step| {
        let accuracy = f64::from(step) / 5.0;
        let y = scale.y(accuracy);
        html! {
            <g class="tick">
                <line x1={tenths(LEFT)} x2={tenths(width - RIGHT)} y1={tenths(y)} y2={tenths(y)} />
                <text x={tenths(LEFT - 10.0)} y={tenths(y + 4.0)} text-anchor="end">{ to_fixed(accuracy, 1) }</text>
            </g>
        }
    });
    let x_ticks = (0..=props.samples).step_by(x_tick(props.samples, most_ticks)).map(|samples| {
        let x = scale.x(samples);
        // The zero starts at the axis, clear of the y axis's "0.0" beside it; a label near the
        // right edge ends there rather than being cut by it.
        let anchor = if samples == 0 {
            "start"
        } else if x > width - RIGHT - 24.0 {
            "end"
        } else {
            "middle"
        };
        html! {
            <text class="tick" x={tenths(x)} y={tenths(HEIGHT - BOTTOM + 18.0)} text-anchor={anchor}>{ samples }</text>
        }
    });
    html! {
        <>
            <g class="grid">{ for grid }</g>
            <g class="x-axis">{ for x_ticks }</g>
            <text class="axis-label" x={tenths((LEFT + width - RIGHT) / 2.0)} y={tenths(HEIGHT - 6.0)} text-anchor="middle">
                { "Samples learned" }
            </text>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    /// Whether a taught sample is on the chart.
    taught: bool,
    /// Whether earlier runs are on the chart.
    earlier: bool,
    /// The test patients, and every how many samples they are scored.
    tested: usize,
    every: usize,
}

#[component]
fn Legend(props: &LegendProps) -> Html {
    html! {
        <ul class="legend">
            <li><span class="swatch held-out"></span>{ held_out_legend(props.tested, props.every) }</li>
            <li><span class="swatch progressive"></span>{ "Progressive accuracy: each sample predicted before it is learned" }</li>
            <li><span class="swatch recent"></span>{ format!("Progressive accuracy over the last {RECENT_WINDOW} samples") }</li>
            if props.taught {
                <li><span class="swatch taught"></span>{ "A patient you taught" }</li>
            }
            if props.earlier {
                <li><span class="swatch earlier"></span>{ "Earlier runs (before each Reset), held-out accuracy" }</li>
            }
        </ul>
    }
}

/// What the held-out line is: `Held-out accuracy (the 61 test patients), after every sample`.
fn held_out_legend(tested: usize, every: usize) -> String {
    let when = match every {
        1 => "after every sample".to_owned(),
        every => format!("every {every} samples and after each action"),
    };
    format!("Held-out accuracy (the {}), {when}", counted(tested, "test patient", "test patients"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_x_axis_has_a_few_round_ticks_however_long_it_is() {
        assert_eq!(x_tick(242, WIDE.x_ticks), 50, "the original's 242 samples: 0, 50, ..., 200");
        assert_eq!(x_tick(400, WIDE.x_ticks), 50);
        assert_eq!(x_tick(1_000, WIDE.x_ticks), 200);
        assert_eq!(x_tick(4_848, WIDE.x_ticks), 1_000);
        assert_eq!(x_tick(80_000, WIDE.x_ticks), 10_000);
        assert_eq!(x_tick(242, NARROW.x_ticks), 50, "a phone's chart too");
        assert_eq!(x_tick(400, NARROW.x_ticks), 100);
        assert_eq!(x_tick(100_000, NARROW.x_ticks), 20_000);
        // A visitor's small file: still numbers along the axis, not a lone 0.
        assert_eq!(x_tick(100, WIDE.x_ticks), 20, "0, 20, ..., 100");
        assert_eq!(x_tick(8, WIDE.x_ticks), 1);
        assert_eq!(x_tick(8, NARROW.x_ticks), 2);
        assert_eq!(x_tick(30, NARROW.x_ticks), 10);
        for ticks in [WIDE.x_ticks, NARROW.x_ticks] {
            for huge in [usize::MAX / 2, usize::MAX] {
                assert!(huge / x_tick(huge, ticks) <= ticks);
            }
        }
    }
}
