//! Running a module, or its two parts, in wasmi.

use wasmi::{Caller, Engine, Extern, Instance, Linker, Module, Store};

struct Host {
    lazy: Option<Module>,
    primary: Option<Instance>,
    loads: u32,
}

/// The import `env.triple` the test programs may call.
pub fn triple(x: i32) -> i32 {
    3 * x
}

/// Calls each exported `(i32) -> i32` function named with its argument, in `program` (with
/// `lazy`, which its `__wasm_split.load` import instantiates); the results, and how many
/// times the lazy module was loaded.
pub fn run(program: &[u8], lazy: Option<&[u8]>, calls: &[(&str, i32)]) -> (Vec<i32>, u32) {
    let engine = Engine::default();
    let module = Module::new(&engine, program).unwrap();
    let lazy = lazy.map(|bytes| Module::new(&engine, bytes).unwrap());
    let mut store = Store::new(&engine, Host { lazy, primary: None, loads: 0 });
    let mut linker = <Linker<Host>>::new(&engine);
    linker.func_wrap("env", "triple", |x: i32| triple(x)).unwrap();
    linker
        .func_wrap("__wasm_split", "load", |mut caller: Caller<'_, Host>| {
            caller.data_mut().loads += 1;
            let primary = caller.data().primary.unwrap();
            let module = caller.data().lazy.clone().unwrap();
            let mut lazy_linker = <Linker<Host>>::new(caller.engine());
            let exports: Vec<(String, Extern)> =
                primary.exports(&caller).map(|export| (export.name().to_string(), export.into_extern())).collect();
            for (name, item) in exports {
                lazy_linker.define("primary", &name, item).unwrap();
            }
            lazy_linker.instantiate_and_start(&mut caller, &module).unwrap();
        })
        .unwrap();
    let instance = linker.instantiate_and_start(&mut store, &module).unwrap();
    store.data_mut().primary = Some(instance);
    let mut results = Vec::new();
    for &(name, x) in calls {
        let function = instance.get_typed_func::<i32, i32>(&store, name).unwrap();
        results.push(function.call(&mut store, x).unwrap());
    }
    (results, store.data().loads)
}
