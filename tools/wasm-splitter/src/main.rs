//! The command: `wasm-splitter split MODULE PROFILE PRIMARY LAZY`, `instrument MODULE OUT`,
//! `profile MODULE HITS COMPILER OUT`, `has-section PROFILE COMPILER`, `stale MODULE PROFILE COMPILER`, `shorten MODULE FROM TO EXPORTS OUT MAP`, `sizes MODULE`, `strip-linking MODULE OUT`,
//! `move-data LINKED PRIMARY LAZY` (see the
//! library's documentation).

use std::collections::{BTreeSet, HashSet};
use std::process::ExitCode;

use wasm_splitter::{
    function_names, has_section, instrument, profile_name, shorten, split, stale_names, with_section, Error,
};

const USAGE: &str = "usage:
  wasm-splitter split MODULE PROFILE PRIMARY LAZY   the module in two, PROFILE's functions in PRIMARY
  wasm-splitter instrument MODULE OUT               a module that calls __wasm_split.hit(i) on entering function i
  wasm-splitter profile MODULE HITS COMPILER OUT    HITS (defined indices, one per line) as names, OUT's
                                                    section for the compiler COMPILER (`rustc --version`)
  wasm-splitter has-section PROFILE COMPILER        exits 0 if PROFILE has a section for COMPILER, 1 if not
  wasm-splitter stale MODULE PROFILE COMPILER       the names COMPILER's section of PROFILE gives that no
                                                    function of MODULE has (measured before a change)
  wasm-splitter shorten MODULE FROM TO EXPORTS OUT MAP
                                                    imports from module FROM moved to TO with short names,
                                                    the exports EXPORTS (comma-separated) too; MAP lists
                                                    `import OLD NEW` and `export OLD NEW` lines
  wasm-splitter sizes MODULE                        each function's body size and name
  wasm-splitter strip-linking MODULE OUT            MODULE without the linker's records (linking, reloc.*)
  wasm-splitter move-data LINKED PRIMARY LAZY       the read-only data only LAZY's functions reach, moved
                                                    from PRIMARY into LAZY (both rewritten), by the records
                                                    of LINKED (linked with --emit-relocs)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["split", module, profile, primary, lazy] => run_split(module, profile, primary, lazy),
        ["instrument", module, out] => {
            read(module).and_then(|wasm| instrument(&wasm)).and_then(|wasm| write(out, &wasm))
        }
        ["profile", module, hits, compiler, out] => run_profile(module, hits, compiler, out),
        ["has-section", profile, compiler] => {
            return match std::fs::read_to_string(profile) {
                Ok(text) if has_section(&text, compiler) => ExitCode::SUCCESS,
                Ok(_) => ExitCode::FAILURE,
                Err(error) => {
                    eprintln!("wasm-splitter: {profile}: {error}");
                    ExitCode::from(2)
                }
            };
        }
        ["stale", module, profile, compiler] => run_stale(module, profile, compiler),
        ["shorten", module, from, to, exports, out, map] => run_shorten(module, from, to, exports, out, map),
        ["sizes", module] => read(module).and_then(|wasm| wasm_splitter::function_sizes(&wasm)).map(|sizes| {
            for (bytes, name) in sizes {
                println!("{bytes}\t{name}");
            }
        }),
        ["strip-linking", module, out] => {
            read(module).and_then(|wasm| wasm_splitter::strip_linking(&wasm)).and_then(|wasm| write(out, &wasm))
        }
        ["move-data", linked, primary, lazy] => run_move_data(linked, primary, lazy),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("wasm-splitter: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run_move_data(linked: &str, primary: &str, lazy: &str) -> Result<(), Error> {
    let map = wasm_splitter::DataMap::read(&read(linked)?).map_err(|e| format!("{linked}: {e}"))?;
    let moved = wasm_splitter::move_data(&map, &read(primary)?, &read(lazy)?)?;
    write(primary, &moved.primary)?;
    write(lazy, &moved.lazy)?;
    eprintln!(
        "wasm-splitter: {} bytes of read-only data ({} objects) moved to {lazy}; {} nonzero bytes stay",
        moved.bytes, moved.objects, moved.kept_bytes
    );
    Ok(())
}

fn run_split(module: &str, profile: &str, primary: &str, lazy: &str) -> Result<(), Error> {
    let wasm = read(module)?;
    let profile = std::fs::read_to_string(profile).map_err(|e| format!("{profile}: {e}"))?;
    let keep: HashSet<String> = profile
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(profile_name)
        .collect();
    let parts = split(&wasm, &keep)?;
    write(primary, &parts.primary)?;
    write(lazy, &parts.lazy)?;
    eprintln!(
        "wasm-splitter: {} functions ({} of {} bytes of code) moved to {lazy}; {} -> {} + {} bytes",
        parts.moved.len(),
        parts.moved_body_bytes,
        parts.all_body_bytes,
        wasm.len(),
        parts.primary.len(),
        parts.lazy.len()
    );
    Ok(())
}

fn run_stale(module: &str, profile: &str, compiler: &str) -> Result<(), Error> {
    let present: HashSet<String> =
        function_names(&read(module)?)?.into_iter().flatten().map(|name| profile_name(&name)).collect();
    let profile = std::fs::read_to_string(profile).map_err(|e| format!("{profile}: {e}"))?;
    for name in stale_names(&profile, compiler, &present) {
        println!("{name}");
    }
    Ok(())
}

fn run_shorten(module: &str, from: &str, to: &str, exports: &str, out: &str, map: &str) -> Result<(), Error> {
    let exports: HashSet<String> = exports.split(',').filter(|name| !name.is_empty()).map(str::to_string).collect();
    let shortened = shorten(&read(module)?, from, to, &exports)?;
    write(out, &shortened.wasm)?;
    let mut lines = String::new();
    for (kind, pairs) in [("import", &shortened.imports), ("export", &shortened.exports)] {
        for (old, new) in pairs {
            lines.push_str(&format!("{kind} {old} {new}\n"));
        }
    }
    write(map, lines.as_bytes())
}

fn run_profile(module: &str, hits: &str, compiler: &str, out: &str) -> Result<(), Error> {
    let names = function_names(&read(module)?)?;
    let hits = std::fs::read_to_string(hits).map_err(|e| format!("{hits}: {e}"))?;
    let mut profile = BTreeSet::new();
    for hit in hits.split_whitespace() {
        let index: usize = hit.parse().map_err(|_| format!("not a function index: {hit}"))?;
        let name = names.get(index).ok_or_else(|| format!("no function {index}"))?;
        if let Some(name) = name {
            profile.insert(profile_name(name));
        }
    }
    let before = match std::fs::read_to_string(out) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(format!("{out}: {error}").into()),
    };
    write(out, with_section(&before, compiler, &profile).as_bytes())
}

fn read(path: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}").into())
}

fn write(path: &str, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}").into())
}
