//! Bakes `data/heart.csv` into the crate as numbers (`heart_table.rs` in `OUT_DIR`): a
//! program that needs only the bundled data, such as the page, then carries no CSV reader
//! (8 KB of its gzipped bundle). Every value of heart.csv has at most one decimal, so the
//! features are kept as whole tenths in 16 bits (7.9 KB, where doubles took 31.5 KB and 2 KB
//! more of the gzipped page): `tenths / 10.0` is the double nearest to the decimal, which is
//! what reading the text gives. A unit test in `data.rs` checks the table against the crate's
//! own CSV reader, so the two cannot differ.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/heart.csv");
    println!("cargo::rerun-if-changed={}", source.display());
    let bytes = std::fs::read(&source).expect("data/heart.csv is readable");
    let text = std::str::from_utf8(&bytes).expect("data/heart.csv is UTF-8").trim_start_matches('\u{feff}');
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let header: Vec<&str> = lines.next().expect("a header line").split(',').map(str::trim).collect();
    let target_column = header.iter().position(|name| *name == "target").expect("a target column");
    let (mut features, mut target) = (String::new(), String::new());
    for line in lines {
        for (column, field) in line.split(',').enumerate() {
            let value: f64 = field.trim().parse().expect("every field of data/heart.csv is a number");
            if column == target_column {
                write!(target, "{},", value as u8).unwrap();
            } else {
                let tenths = (value * 10.0).round();
                assert!(
                    tenths / 10.0 == value && (f64::from(i16::MIN)..=f64::from(i16::MAX)).contains(&tenths),
                    "data/heart.csv: {field} is not a whole number of tenths within 16 bits"
                );
                write!(features, "{},", tenths as i16).unwrap();
            }
        }
    }
    let names: String = header.iter().filter(|name| **name != "target").map(|name| format!("{name:?},")).collect();
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3));
    let table = format!(
        "/// heart.csv's feature columns, in file order.\npub const HEART_FEATURE_NAMES: &[&str] = &[{names}];\n\
         /// heart.csv's features, row after row, in tenths.\npub const HEART_FEATURE_TENTHS: &[i16] = &[{features}];\n\
         /// heart.csv's `target` column.\npub const HEART_TARGET: &[u8] = &[{target}];\n\
         /// FNV-1a (64 bits) of heart.csv's bytes: which data a saved session was made on.\n\
         pub const HEART_CSV_FNV1A64: u64 = {hash:#x};\n"
    );
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("heart_table.rs");
    std::fs::write(out, table).expect("OUT_DIR is writable");
}
