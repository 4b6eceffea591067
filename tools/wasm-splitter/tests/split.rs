//! The split module computes what the original computes: run in wasmi, the lazy module
//! loaded by the primary module's `load` import exactly when a moved function is first
//! called.

use std::collections::HashSet;

use wasm_splitter::{compares_keys_on_collision, function_names, instrument, profile_name, split};

use wasmi::{Caller, Engine, Linker, Module, Store};

mod common;
use common::{run, triple};

/// A module with what a Rust program's has: a memory, a stack pointer, a function table with
/// an entry, an imported function, an exported function that is only called at times.
const PROGRAM: &str = r#"
(module
  (type $unary (func (param i32) (result i32)))
  (import "env" "triple" (func $triple (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $stack (mut i32) (i32.const 1024))
  (table 3 3 funcref)
  (elem (i32.const 1) $rarely $often)
  (func $often (export "often") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add)
  (func $rarely (export "rarely") (param $x i32) (result i32) (local $sum i32)
    ;; keep x in memory at the stack pointer, call both neighbours, one through the table
    global.get $stack i32.const 16 i32.sub global.set $stack
    global.get $stack local.get $x i32.store
    global.get $stack i32.load
    call $triple
    local.set $sum
    local.get $sum
    local.get $x i32.const 2 call_indirect (type $unary)
    i32.add
    local.get $x call $often
    i32.add
    global.get $stack i32.const 16 i32.add global.set $stack)
  (func $through_table (export "through_table") (param i32) (result i32)
    local.get 0 i32.const 1 call_indirect (type $unary))
)
"#;

/// The test program, and the program split keeping the functions named.
fn program_split(keep: &[&str]) -> (Vec<u8>, wasm_splitter::Split) {
    let original = wat::parse_str(PROGRAM).unwrap();
    let keep: HashSet<String> = keep.iter().map(|name| name.to_string()).collect();
    let parts = split(&original, &keep).unwrap();
    (original, parts)
}

#[test]
fn moved_functions_compute_what_they_did_once_loaded() {
    let (original, parts) = program_split(&["often", "through_table"]);
    assert_eq!(parts.moved, ["rarely"]);

    let calls = [("often", 4), ("rarely", 5), ("through_table", 6), ("rarely", -7)];
    let (expected, _) = run(&original, None, &calls);
    let (results, loads) = run(&parts.primary, Some(&parts.lazy), &calls);
    assert_eq!(results, expected);
    assert_eq!(loads, 1, "loaded at the first call of a moved function, once");
}

#[test]
fn the_lazy_module_loads_only_when_a_moved_function_runs() {
    let (original, parts) = program_split(&["often", "through_table"]);
    let (results, loads) = run(&parts.primary, Some(&parts.lazy), &[("often", 1), ("often", 2)]);
    assert_eq!(results, [2, 3]);
    assert_eq!(loads, 0);
    // Through the function table: the moved function's entry is its trampoline.
    let (results, loads) = run(&parts.primary, Some(&parts.lazy), &[("through_table", 2)]);
    assert_eq!(results, run(&original, None, &[("through_table", 2)]).0);
    assert_eq!(loads, 1);
}

#[test]
fn a_profile_that_names_everything_moves_nothing() {
    let (original, parts) = program_split(&["often", "rarely", "through_table"]);
    assert!(parts.moved.is_empty());
    let (results, loads) = run(&parts.primary, Some(&parts.lazy), &[("rarely", 5)]);
    assert_eq!(results, run(&original, None, &[("rarely", 5)]).0);
    assert_eq!(loads, 0);
}

#[test]
fn small_functions_stay_whatever_the_profile() {
    let (_, parts) = program_split(&[]);
    assert_eq!(parts.moved, ["rarely"], "the one-instruction bodies are smaller than a trampoline");
}

#[test]
fn a_hash_tables_key_comparison_stays_whatever_the_profile() {
    // The closure Yew's element cache runs when two tags' hashes collide, as the module names it.
    let comparison = "<hashbrown::raw::RawTable<(alloc::string::String, web_sys::features::gen_Element::Element)>>\
        ::find_or_find_insert_index::<hashbrown::map::equivalent_key<alloc::string::String, alloc::string::String, \
        web_sys::features::gen_Element::Element>::{closure#0}, hashbrown::map::make_hasher<alloc::string::String, \
        web_sys::features::gen_Element::Element, std::hash::random::RandomState>::{closure#0}>::{closure#0}";
    assert!(compares_keys_on_collision(comparison));
    // `rarely` named so: not in the profile, it stays all the same.
    let program = wat::parse_str(PROGRAM.replace("$rarely", &format!("$\"{comparison}\""))).unwrap();
    let names = function_names(&program).unwrap();
    assert!(names.iter().any(|name| name.as_deref() == Some(comparison)));
    let parts = split(&program, &HashSet::new()).unwrap();
    assert!(parts.moved.is_empty(), "moved: {:?}", parts.moved);
    // Neither the whole lookup nor the table's other closures (hashing on a resize run on
    // every resize, so a profile sees them).
    assert!(!compares_keys_on_collision(
        "<hashbrown::raw::RawTable<(&str, &yew::virtual_dom::AttributeOrProperty)>>::find::<hashbrown::map::\
         equivalent_key<&str, &str, &yew::virtual_dom::AttributeOrProperty>::{closure#0}>"
    ));
    assert!(!compares_keys_on_collision(
        "<hashbrown::raw::RawTable<(yew::dom_bundle::subtree_root::EventDescriptor, ())>>::reserve_rehash::<hashbrown::\
         map::make_hasher<yew::dom_bundle::subtree_root::EventDescriptor, (), std::hash::random::RandomState>::{closure#0}>::{closure#0}"
    ));
}

#[test]
fn an_instrumented_module_marks_the_functions_it_enters() {
    let original = wat::parse_str(PROGRAM).unwrap();
    let instrumented = instrument(&original).unwrap();
    let engine = Engine::default();
    let module = Module::new(&engine, &instrumented).unwrap();
    let mut store = Store::new(&engine, Vec::<i32>::new());
    let mut linker = <Linker<Vec<i32>>>::new(&engine);
    linker.func_wrap("env", "triple", |x: i32| triple(x)).unwrap();
    linker
        .func_wrap("__wasm_split", "hit", |mut caller: Caller<'_, Vec<i32>>, index: i32| caller.data_mut().push(index))
        .unwrap();
    let instance = linker.instantiate_and_start(&mut store, &module).unwrap();
    let through_table = instance.get_typed_func::<i32, i32>(&store, "through_table").unwrap();
    assert_eq!(through_table.call(&mut store, 1).unwrap(), run(&original, None, &[("through_table", 1)]).0[0]);
    let names = function_names(&original).unwrap();
    let entered: Vec<&str> = store.data().iter().map(|&i| names[i as usize].as_deref().unwrap()).collect();
    assert_eq!(entered, ["through_table", "rarely", "often", "often"]);
}

#[test]
fn profiles_name_functions_without_rusts_symbol_hash() {
    assert_eq!(profile_name("app::state::State::learn::h0123456789abcdef"), "app::state::State::learn");
    assert_eq!(profile_name("<T as core::any::Any>::type_id::hfedcba9876543210"), "<T as core::any::Any>::type_id");
    assert_eq!(profile_name("main"), "main");
    assert_eq!(profile_name("shortened::h012"), "shortened::h012");
    // The numbers that make repeated names unique shift with any edit of the module.
    assert_eq!(
        profile_name("<alloc::alloc::Global>::alloc_impl_runtime.572"),
        "<alloc::alloc::Global>::alloc_impl_runtime"
    );
    assert_eq!(profile_name("core::hash::sip::u8to64_le.1469"), "core::hash::sip::u8to64_le");
    assert_eq!(profile_name("helper.llvm.8765432109"), "helper");
    assert_eq!(profile_name("f.3.7"), "f");
    assert_eq!(profile_name("version.2a"), "version.2a");
    assert_eq!(profile_name(".5"), ".5");
    assert_eq!(profile_name("trailing."), "trailing.");
    assert_eq!(
        profile_name("<yew[8f2e1a0b9c3d4e5f]::html::CompStateInner<app[0123abcd99]::Progress> as yew[8f2e1a0b9c3d4e5f]::Stateful>::view"),
        "<yew::html::CompStateInner<app::Progress> as yew::Stateful>::view"
    );
    assert_eq!(profile_name("core::array::<impl [T; N]>::map"), "core::array::<impl [T; N]>::map");
    assert_eq!(profile_name("<[f64]>::to_vec"), "<[f64]>::to_vec");
}
