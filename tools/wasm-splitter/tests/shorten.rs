//! Shortened names at the module's boundary with JavaScript: the same program, reached
//! under the new names, and nothing else renamed.

use std::collections::HashSet;

use wasm_splitter::{short_name, shorten};
use wasmi::{Engine, Linker, Module, Store};

/// What wasm-bindgen's modules have at their boundary: imports named after an item and a
/// hash, a closure's export named after its whole type, an import from another module.
const PROGRAM: &str = r#"
(module
  (import "./app_bg.js" "__wbg_triple_0123456789abcdef" (func $triple (param i32) (result i32)))
  (import "./app_bg.js" "__wbg_add_one_fedcba9876543210" (func $add_one (param i32) (result i32)))
  (import "__wasm_split" "load" (func $load))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32)
    local.get 0 call $triple call $add_one)
  (func (export "wasm_bindgen___convert__closures_____invoke___JsValue_____true_") (param i32) (result i32)
    local.get 0 call $add_one)
  (func (export "$0") (param i32) (result i32) local.get 0)
)
"#;

fn shortened(exports: &[&str]) -> wasm_splitter::Shortened {
    let exports: HashSet<String> = exports.iter().map(|name| name.to_string()).collect();
    shorten(&wat::parse_str(PROGRAM).unwrap(), "./app_bg.js", "w", &exports).unwrap()
}

#[test]
fn the_program_runs_the_same_under_its_short_names() {
    let closure = "wasm_bindgen___convert__closures_____invoke___JsValue_____true_";
    let renamed = shortened(&[closure, "memory"]);
    assert_eq!(
        renamed.imports,
        [
            ("__wbg_triple_0123456789abcdef".to_string(), "a".to_string()),
            ("__wbg_add_one_fedcba9876543210".into(), "b".into())
        ]
    );
    assert_eq!(renamed.exports, [("memory".to_string(), "c".to_string()), (closure.into(), "d".into())]);

    let engine = Engine::default();
    let module = Module::new(&engine, &renamed.wasm).unwrap();
    let imports: Vec<(String, String)> = module.imports().map(|i| (i.module().into(), i.name().into())).collect();
    assert_eq!(
        imports,
        [("w".to_string(), "a".to_string()), ("w".into(), "b".into()), ("__wasm_split".into(), "load".into())]
    );
    let exports: HashSet<String> = module.exports().map(|e| e.name().into()).collect();
    assert_eq!(exports, ["c", "run", "d", "$0"].map(String::from).into(), "the others keep their names");

    let mut store = Store::new(&engine, ());
    let mut linker = <Linker<()>>::new(&engine);
    linker.func_wrap("w", "a", |x: i32| 3 * x).unwrap();
    linker.func_wrap("w", "b", |x: i32| x + 1).unwrap();
    linker.func_wrap("__wasm_split", "load", || {}).unwrap();
    let instance = linker.instantiate_and_start(&mut store, &module).unwrap();
    let run = instance.get_typed_func::<i32, i32>(&store, "run").unwrap();
    assert_eq!(run.call(&mut store, 4).unwrap(), 13);
    let closure = instance.get_typed_func::<i32, i32>(&store, "d").unwrap();
    assert_eq!(closure.call(&mut store, 4).unwrap(), 5);
}

#[test]
fn an_export_that_is_not_there_is_an_error() {
    let exports: HashSet<String> = ["__wbindgen_malloc".to_string()].into();
    let error = shorten(&wat::parse_str(PROGRAM).unwrap(), "./app_bg.js", "w", &exports).err().unwrap();
    assert!(error.to_string().contains("__wbindgen_malloc"), "{error}");
}

#[test]
fn short_names_are_distinct_javascript_names_never_those_of_the_lazy_modules_imports() {
    let names: Vec<String> = (0..20_000).map(short_name).collect();
    assert_eq!(&names[..3], ["a", "b", "c"]);
    assert_eq!(names[51], "Z");
    assert_eq!(names[52], "a0");
    assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    for name in &names {
        assert!(name.chars().next().unwrap().is_ascii_alphabetic(), "{name}");
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
        assert!(name.len() <= 3, "{name}");
    }
}
