//! A profile keeps one section per compiler: measuring it again with one compiler replaces
//! that compiler's names and keeps the others'.

use std::collections::{BTreeSet, HashSet};

use wasm_splitter::{has_section, stale_names, with_section, SECTION_MARK};

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|name| name.to_string()).collect()
}

/// The names a split keeps from `profile`: every line that is not a comment.
fn kept(profile: &str) -> BTreeSet<String> {
    profile.lines().filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_string).collect()
}

const RUSTUP: &str = "rustc 1.95.0 (59807616e 2026-04-14)";
const DEBIAN: &str = "rustc 1.96.0 (ac68faa20 2026-05-25) (built from a source tarball)";

#[test]
fn each_compiler_has_its_section_and_the_split_keeps_their_union() {
    let first = with_section("", RUSTUP, &names(&["app::main", "<Vec<Rc<dyn Effect>>>::push"]));
    assert!(first.contains(&format!("{SECTION_MARK}{RUSTUP}\n")));
    let both = with_section(&first, DEBIAN, &names(&["app::main", "<Vec<Rc<dyn Any>>>::push"]));
    assert_eq!(kept(&both), names(&["app::main", "<Vec<Rc<dyn Effect>>>::push", "<Vec<Rc<dyn Any>>>::push"]));
    assert_eq!(both.matches(SECTION_MARK).count(), 2);
}

#[test]
fn measuring_again_replaces_only_that_compilers_names() {
    let both =
        with_section(&with_section("", RUSTUP, &names(&["old", "shared"])), DEBIAN, &names(&["debian", "shared"]));
    let again = with_section(&both, RUSTUP, &names(&["new", "shared"]));
    assert_eq!(kept(&again), names(&["new", "shared", "debian"]));
    assert_eq!(with_section(&again, RUSTUP, &names(&["new", "shared"])), again, "the same run writes the same file");
}

#[test]
fn a_profile_without_sections_is_replaced() {
    let old = "# The functions the workbench runs at load and in its everyday use (make split-profile):\napp::old\n";
    assert_eq!(kept(&with_section(old, RUSTUP, &names(&["app::main"]))), names(&["app::main"]));
}

#[test]
fn a_section_is_found_for_its_compiler_exactly() {
    let profile = with_section("", RUSTUP, &names(&["app::main"]));
    assert!(has_section(&profile, RUSTUP));
    assert!(!has_section(&profile, DEBIAN));
    assert!(!has_section(&profile, "rustc 1.95.0"), "a prefix of the version line is another compiler");
    assert!(!has_section("app::main\n", RUSTUP), "a profile without sections has none");
}

#[test]
fn a_section_measured_before_a_change_is_found_stale_by_its_missing_names() {
    let profile = with_section(
        &with_section("", RUSTUP, &names(&["app::main", "app::App::{closure#3}"])),
        DEBIAN,
        &names(&["app::debian"]),
    );
    // The app changed: its closure renumbered, and Debian's names are of another build.
    let present: HashSet<String> = ["app::main", "app::App::{closure#4}"].iter().map(|name| name.to_string()).collect();
    assert_eq!(stale_names(&profile, RUSTUP, &present), vec!["app::App::{closure#3}".to_string()]);
    assert!(stale_names(&profile, DEBIAN, &present).len() == 1, "each compiler's section against its own build");
    assert!(
        stale_names(&profile, "rustc 1.97.0", &present).is_empty(),
        "no section: nothing stale (has-section says it)"
    );
    let measured_again = with_section(&profile, RUSTUP, &names(&["app::main", "app::App::{closure#4}"]));
    assert!(stale_names(&measured_again, RUSTUP, &present).is_empty());
}
