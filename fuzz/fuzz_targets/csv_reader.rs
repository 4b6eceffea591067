//! Every form of CSV the core reads: heart.csv's (header, `target`) and UCI's raw one, with
//! either strategy for missing values (chosen by the input's length, so that the fuzzer
//! reaches both and each input is read four times, not seven). Any input gives `Ok` or
//! `Err`, never a panic; what is read is well formed, and reading a few rows at a time (the
//! page's slices) reads what reading the whole file reads, errors included. Every field of
//! the first lines reads as a number exactly as the standard library reads it.
#![no_main]

use learner::data::Dataset;
use learner::uci::{self, Missing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(data) = Dataset::from_csv(bytes) {
        assert_eq!(data.features.nrows(), data.target.len());
        assert!(data.features.iter().all(|v| v.is_finite()));
    }
    let text = String::from_utf8_lossy(bytes);
    for field in text.split([',', '\n']).take(64) {
        let (ours, std) = (learner::number::parse(field), field.parse::<f64>().ok());
        match (ours, std) {
            (Some(a), Some(b)) => assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()), "{field:?}"),
            _ => assert_eq!(ours.is_some(), std.is_some(), "{field:?}"),
        }
    }
    let missing = if bytes.len() % 2 == 0 { Missing::DropRows } else { Missing::ImputeMean };
    if let Ok(read) = uci::read(&text, missing) {
        assert_eq!(read.dataset.features.ncols(), 13);
        assert!(read.dataset.features.iter().all(|v| v.is_finite()));
        assert!(read.dataset.target.iter().all(|&y| y <= 1));
    }
    let whole = uci::read_either(text.as_bytes(), missing).map_err(|error| error.to_string());
    let in_chunks = uci::FileReader::new(text.as_bytes()).and_then(|mut reader| {
        while !reader.read_rows(3)? {}
        let form = reader.form();
        Ok((form, reader.finish(missing)?))
    });
    assert_eq!(in_chunks.map_err(|error| error.to_string()), whole);
});
