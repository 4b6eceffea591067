use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

const COLUMNS: [&str; 13] =
    ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal"];

fn probability_text(probability_of_disease: &Value) -> String {
    format!("{}%", to_fixed(probability_of_disease.as_f64().unwrap() * 100.0, 1))
}

#[test]
async fn the_form_has_one_labelled_control_per_heart_csv_column_prefilled_from_a_test_patient() {
    let page = Page::open().await;
    let controls = page.all("#patient-form input, #patient-form select");
    let names: Vec<String> = controls.iter().map(|control| control.get_attribute("name").unwrap()).collect();
    assert_eq!(names, COLUMNS);
    for control in &controls {
        let id = control.id();
        let label = page.get(&format!("label[for='{id}']")).text_content().unwrap();
        assert!(!label.is_empty(), "{id} has a label");
    }
    assert!(page.text("label[for='patient-trestbps']").contains("mm Hg"));
    assert!(page.text("label[for='patient-cp']").contains("Chest pain type"));
    // heart.csv's codes, in words: cp 0 is asymptomatic, thal 2 normal.
    assert_eq!(page.text("#patient-cp option[value='0']"), "asymptomatic");
    assert_eq!(page.text("#patient-thal option[value='2']"), "normal");
    assert_eq!(page.text("#patient-slope option[value='2']"), "upsloping");

    // The first test patient is row 225 of heart.csv.
    let data = learner::session::PreparedData::new(&learner::data::Dataset::heart()).unwrap();
    assert_eq!(data.split.test[0], 225);
    let values: Vec<String> = COLUMNS.iter().map(|name| page.value(&format!("[name={name}]"))).collect();
    let expected: Vec<String> = data.x_test_raw.row(0).iter().map(|v| v.to_string()).collect();
    assert_eq!(values, expected);
    assert!(page.text("#patient-source").starts_with("Test patient 1 of 61; in the data: "));
}

#[test]
async fn the_probability_of_heart_disease_is_scikit_learns_for_each_test_patient() {
    let page = Page::open().await;
    let expected = &workbench_run(0)["test_split"]["100"]["probability_of_disease"];
    for index in 0..5 {
        assert_eq!(page.text("#patient-probability"), probability_text(&expected[index]), "test patient {index}");
        assert!(page.text("#patient-source").starts_with(&format!("Test patient {} of 61", index + 1)));
        page.click("#patient-next");
        page.settle().await;
    }
    page.click("#patient-previous");
    page.settle().await;
    assert_eq!(page.text("#patient-probability"), probability_text(&expected[4]));
    // Said to a screen reader once, the patient with the prediction: the output itself is
    // not live, or each step of the model would say a bare percentage.
    assert_eq!(
        page.text("#patient-said"),
        format!("{} Probability of heart disease: {}.", page.text("#patient-source"), probability_text(&expected[4]))
    );
    assert_eq!(page.get("#patient-probability").get_attribute("aria-live").as_deref(), Some("off"));
    page.click_and_settle("#train-btn", 117).await;
    assert_ne!(page.text("#patient-probability"), probability_text(&expected[4]), "the model moved on");
    assert_eq!(page.text("#patient-said"), "", "said nothing of it, and the last sentence gone: never read stale");
    page.click("#patient-random");
    page.settle().await;
    assert!(page.text("#patient-probability").ends_with('%'));
    assert!(page.text("#patient-source").starts_with("Test patient "));
    // Random always shows another patient (by chance the same one in 61 would look like a
    // button that does nothing): 200 presses, each a change.
    for _ in 0..200 {
        let before = page.text("#patient-source");
        page.click("#patient-random");
        yew::platform::time::sleep(std::time::Duration::from_millis(1)).await;
        assert_ne!(page.text("#patient-source"), before);
    }
}

#[test]
async fn the_probability_follows_the_fields_and_bad_fields_get_a_message_and_no_prediction() {
    let page = Page::open().await;
    let first = page.text("#patient-probability");
    page.fill("[name=age]", "30").await;
    let younger = page.text("#patient-probability");
    assert_ne!(younger, first, "a change of age changes the prediction");
    assert!(page.text("#patient-source").starts_with("Your own patient"));

    for (text, message) in [
        ("", "Age: enter a value"),
        // The core's backticks (the notebook command's terminal) as quotation marks.
        ("abc", "Age: \u{201c}abc\u{201d} is not a number"),
        ("300", "Age: must be between 1 and 120 years"),
        // A decimal comma, as many languages write it: how to write it here.
        ("30,5", "Age: \u{201c}30,5\u{201d} is not a number: write a decimal point as a point (1.5, not 1,5)"),
    ] {
        page.fill("[name=age]", text).await;
        assert_eq!(page.text("#patient-age-error"), message);
        assert_eq!(page.get("#patient-age").get_attribute("aria-invalid").as_deref(), Some("true"));
        assert_eq!(page.get("#patient-age").get_attribute("aria-describedby").as_deref(), Some("patient-age-error"));
        assert_eq!(page.text("#patient-probability"), "\u{2014}", "no prediction for {text:?}");
        assert!(page.disabled("#teach-disease") && page.disabled("#teach-no-disease"));
        // The fields to correct are named where the prediction would be.
        assert_eq!(
            page.text(".prediction .field-error"),
            "No prediction until \u{201c}Age\u{201d} is filled in correctly."
        );
    }
    let (trestbps, chol) = (page.value("[name=trestbps]"), page.value("[name=chol]"));
    page.fill("[name=trestbps]", "").await;
    assert_eq!(
        page.text(".prediction .field-error"),
        "No prediction until the fields marked above are filled in correctly."
    );
    page.fill("[name=chol]", "").await;
    assert_eq!(
        page.text(".prediction .field-error"),
        "No prediction until the fields marked above are filled in correctly."
    );
    page.fill("[name=trestbps]", &trestbps).await;
    page.fill("[name=chol]", &chol).await;
    page.fill("[name=age]", "30").await;
    assert!(page.find("#patient-age-error").is_none());
    assert_eq!(page.text("#patient-probability"), younger);
    page.fill("[name=cp]", "3").await;
    assert_ne!(page.text("#patient-probability"), younger, "a change of chest pain type changes the prediction");
}

#[test]
async fn teaching_a_patient_is_one_more_sample_on_the_curve() {
    let page = Page::open().await;
    assert!(page.text(".teach .notice").contains("in the test split"), "a test patient is flagged before teaching");
    page.click("#teach-disease");
    page.wait_until("the patient is learned", |page| page.text("#remaining").contains("taught")).await;
    assert_eq!(page.text("#remaining"), "101 samples learned (1 taught), 142 remaining");
    let status = page.text("#status");
    assert!(status.starts_with("Taught the model this patient as heart disease: held-out accuracy "), "{status}");
    assert!(status.ends_with("so the held-out accuracy is now optimistic."), "{status}");
    assert_eq!(page.all("#curve-chart circle.taught").len(), 1);
    let table = page.curve_table().await;
    assert_eq!(table.len(), 101);
    assert_eq!(table[100][0], "101");
    assert_eq!(table[100][4], "taught: heart disease");

    page.fill("[name=age]", "31").await;
    assert!(page.find(".teach .notice").is_none(), "an edited patient is not in the test split");
    page.click("#teach-no-disease");
    page.wait_until("the patient is learned", |page| page.text("#remaining").contains("2 taught")).await;
    assert!(!page.text("#status").contains("optimistic"));
    page.click_and_settle("#train-btn", 117).await;
    assert_eq!(page.text("#remaining"), "127 samples learned (2 taught), 117 remaining");
    assert_eq!(page.curve_table().await.len(), 127);
}
