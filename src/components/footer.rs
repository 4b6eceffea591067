//! The data credit the licence asks for.

use yew::prelude::*;

#[component]
pub fn Footer() -> Html {
    html! {
        <footer>
            <p>
                { "Data: Heart Disease data set by A. Janosi, W. Steinbrunn, M. Pfisterer and R. Detrano (1988), \
                   UCI Machine Learning Repository, " }
                <a href="https://doi.org/10.24432/C52P4X">{ "doi:10.24432/C52P4X" }</a>
                { ", licensed " }
                <a href="https://creativecommons.org/licenses/by/4.0/">{ "CC BY 4.0" }</a>
                { ". A port of the Flask demo \u{201c}DIY web DL production environment\u{201d}; \
                   the model reproduces scikit-learn's MLPClassifier exactly." }
            </p>
        </footer>
    }
}
