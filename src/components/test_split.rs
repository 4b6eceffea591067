//! The current model on the test split in detail: the confusion matrix in words, precision,
//! recall and log loss, with heart disease as the positive class.

use learner::session::TestEvaluation;
use yew::prelude::*;

use learner::format::to_fixed;

use crate::words::counted;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub evaluation: TestEvaluation,
    /// Patients in the test split.
    pub tested: usize,
}

#[component]
pub fn TestSplit(props: &Props) -> Html {
    let matrix = props.evaluation.confusion;
    let cell = |id: &'static str, count: usize, one: &str, many: &str| {
        html! {
            <td id={id}><span class="count">{ count }</span>{ " " }{ if count == 1 { one } else { many } }</td>
        }
    };
    html! {
        <section class="card test-split" aria-labelledby="test-split-heading">
            <h2 id="test-split-heading">{ "The test split in detail" }</h2>
            <table id="confusion-matrix">
                <caption>
                    { format!(
                        "The {}, kept out of its training (unless you teach it one of them below): what the model \
                         predicts against what they have",
                        counted(props.tested, "test patient", "test patients")
                    ) }
                </caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col">{ "Predicted: heart disease" }</th>
                        <th scope="col">{ "Predicted: no heart disease" }</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{ "Has heart disease" }</th>
                        { cell("true-positives", matrix.true_positives, "true positive", "true positives") }
                        { cell("false-negatives", matrix.false_negatives, "false negative (missed)", "false negatives (missed)") }
                    </tr>
                    <tr>
                        <th scope="row">{ "No heart disease" }</th>
                        { cell("false-positives", matrix.false_positives, "false positive (false alarm)", "false positives (false alarms)") }
                        { cell("true-negatives", matrix.true_negatives, "true negative", "true negatives") }
                    </tr>
                </tbody>
            </table>
            <dl class="scores">
                <div>
                    <dt>{ "Precision" }</dt>
                    <dd><span id="precision">{ optional(matrix.precision()) }</span>
                        <span class="hint">{ " of those predicted to have heart disease, the share who have it" }</span></dd>
                </div>
                <div>
                    <dt>{ "Recall" }</dt>
                    <dd><span id="recall">{ optional(matrix.recall()) }</span>
                        <span class="hint">{ " of those with heart disease, the share predicted so" }</span></dd>
                </div>
                <div>
                    <dt>{ "Log-loss" }</dt>
                    <dd><span id="log-loss">{ to_fixed(props.evaluation.log_loss, 5) }</span>
                        <span class="hint">{ " how surprised the model is by the truth (lower is better)" }</span></dd>
                </div>
            </dl>
        </section>
    }
}

/// A ratio with 5 decimals, or why there is none.
fn optional(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "undefined (nothing to count)".to_owned(), |ratio| to_fixed(ratio, 5))
}
