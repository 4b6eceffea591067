//! The pages' modules (the workbench's, binary `app`, and the streams page's, `streams`) are
//! linked with `--emit-relocs`: the linker then keeps its records of the data (each object's
//! extent, the pointers between them, the addresses the code computes) in the module, from
//! which `wasm-splitter move-data` moves the read-only data only the lazy module's functions
//! reach into the lazy module (scripts/split-module.mjs, which strips the records before the
//! module is optimised). Only the pages' links: the records change nothing in their code or
//! data.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        for page in ["app", "streams"] {
            println!("cargo:rustc-link-arg-bin={page}=--emit-relocs");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
