//! Splits a WebAssembly module into a primary module, which the page loads, and a lazy
//! module, loaded the first time one of its functions is called.
//!
//! Which functions stay in the primary module is decided by a *profile*: the names of the
//! functions that ran while the page loaded and did its everyday work (`instrument` makes a
//! module that reports every function it enters). Every other function whose body is worth
//! moving goes to the lazy module, and its body in the primary module becomes a trampoline:
//!
//! ```text
//! (func $moved (type $t) (param ...)
//!   (if (ref.is_null (table.get $functions (i32.const SLOT)))
//!     (then (call $load)))            ;; the JavaScript import `__wasm_split.load`
//!   (call_indirect $functions (type $t) (local.get 0) ... (i32.const SLOT)))
//! ```
//!
//! so that every reference to the function (direct calls, the table's entries, exports)
//! keeps working unchanged. Each moved function has a slot appended to the function table;
//! the slots are empty until the lazy module is instantiated: its active element segment
//! fills them. The lazy module imports what its functions use from the primary module,
//! which exports it under short names starting with `$` (functions, numbered in base 62) or
//! `%` (the memory `%m`, tables `%t<i>`, globals `%g<i>`): the memory, the tables, the
//! globals (the stack pointer) and the functions it calls. `load` must instantiate the lazy
//! module (synchronously) with `{ primary: <the primary module's exports> }`.
//!
//! A function stays where it is when it runs in the profile, compares a hash table's keys
//! (see [`compares_keys_on_collision`]), has no name, is too small to
//! gain from moving, or uses the module's data segments (`memory.init`, `data.drop`), which
//! stay in the primary module. Moving never changes what a program computes, only when its
//! code arrives: a function left out of the profile costs a load, never a wrong result.
//!
//! After the split, [`move_data`] moves the read-only data that only the lazy module's
//! functions reach (their strings, mostly) into the lazy module, by the records the linker
//! keeps with `--emit-relocs` (see its module's documentation).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

mod data;
pub use data::{move_data, strip_linking, DataMap, MovedData, NEAR};

use wasm_encoder::reencode::{self, Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function, FunctionSection,
    GlobalType, ImportSection, MemoryType, Module, TableType, TypeSection,
};
use wasmparser::{Operator, Parser, Payload};

/// The module and field of the function the primary module calls to load the lazy one.
pub const LOAD_IMPORT: (&str, &str) = ("__wasm_split", "load");
/// The module and field of the function an instrumented module calls on entering a function.
pub const HIT_IMPORT: (&str, &str) = ("__wasm_split", "hit");
/// The import module under which the lazy module finds the primary module's exports.
pub const PRIMARY_MODULE: &str = "primary";
/// Bodies smaller than this (in bytes) stay: their trampoline would be as big.
pub const MIN_MOVED_BODY: usize = 32;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The two parts of a split module.
pub struct Split {
    pub primary: Vec<u8>,
    pub lazy: Vec<u8>,
    /// The names of the moved functions, in slot order.
    pub moved: Vec<String>,
    /// The bytes of the moved bodies in the original module.
    pub moved_body_bytes: usize,
    /// The bytes of all bodies in the original module.
    pub all_body_bytes: usize,
}

/// A function's name as profiles give it: without the hashes that change with the crate's
/// path or unrelated edits, the crate disambiguators of Rust's v0 symbols (`core[c5930c85a12de822]::fmt`
/// is `core::fmt`) and the hash that legacy symbols end with (`::h0123456789abcdef`), and
/// without the numbers that make a repeated name unique (`alloc_impl_runtime.572`,
/// `f.llvm.1234`): they are counts of the module's functions, which any edit shifts. The
/// functions that share a name are kept or moved together.
pub fn profile_name(name: &str) -> String {
    let mut name = name;
    loop {
        match name.rsplit_once('.') {
            Some((base, number))
                if !base.is_empty() && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
            {
                name = base.strip_suffix(".llvm").unwrap_or(base);
            }
            _ => break,
        }
    }
    let name = match name.rfind("::h") {
        Some(at) if name.len() - at == 19 && name[at + 3..].bytes().all(|b| b.is_ascii_hexdigit()) => &name[..at],
        _ => name,
    };
    let mut plain = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close {
            Some(close) if close >= open + 9 && rest[open + 1..close].bytes().all(|b| b.is_ascii_hexdigit()) => {
                plain.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    plain.push_str(rest);
    plain
}

/// What the splitter needs to know of a module.
struct Layout<'a> {
    /// Every type's parameter count, by type index (non-function types: `None`).
    params: Vec<Option<u32>>,
    imported_functions: u32,
    imported_globals: u32,
    imported_tables: u32,
    imported_memories: u32,
    /// The type of each imported function, then of each defined one (the function index
    /// space); the defined ones' are `function_types[imported_functions..]`.
    function_types: Vec<u32>,
    /// The tables, memories and globals, imported first, by index.
    tables: Vec<TableType>,
    memories: Vec<MemoryType>,
    globals: Vec<GlobalType>,
    /// Every function's name (imports first), where the name section gives one.
    names: HashMap<u32, String>,
    /// The defined functions' bodies.
    bodies: Vec<wasmparser::FunctionBody<'a>>,
    /// The function table, the one that the module's element segments fill.
    function_table: Option<u32>,
    start: Option<u32>,
    exports: HashSet<String>,
}

impl<'a> Layout<'a> {
    fn read(wasm: &'a [u8]) -> Result<Self, Error> {
        let mut layout = Layout {
            params: Vec::new(),
            imported_functions: 0,
            imported_globals: 0,
            imported_tables: 0,
            imported_memories: 0,
            function_types: Vec::new(),
            tables: Vec::new(),
            memories: Vec::new(),
            globals: Vec::new(),
            names: HashMap::new(),
            bodies: Vec::new(),
            function_table: None,
            start: None,
            exports: HashSet::new(),
        };
        let mut roundtrip = RoundtripReencoder;
        for payload in Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::TypeSection(section) => {
                    for group in section {
                        for sub in group?.into_types() {
                            layout.params.push(match &sub.composite_type.inner {
                                wasmparser::CompositeInnerType::Func(f) => Some(f.params().len() as u32),
                                _ => None,
                            });
                        }
                    }
                }
                Payload::ImportSection(section) => {
                    let unsupported = |e| format!("{e:?}");
                    for import in section.into_imports() {
                        match import?.ty {
                            wasmparser::TypeRef::Func(ty) | wasmparser::TypeRef::FuncExact(ty) => {
                                layout.imported_functions += 1;
                                layout.function_types.push(ty);
                            }
                            wasmparser::TypeRef::Global(ty) => {
                                layout.imported_globals += 1;
                                layout.globals.push(roundtrip.global_type(ty).map_err(unsupported)?);
                            }
                            wasmparser::TypeRef::Table(ty) => {
                                layout.imported_tables += 1;
                                layout.tables.push(roundtrip.table_type(ty).map_err(unsupported)?);
                            }
                            wasmparser::TypeRef::Memory(ty) => {
                                layout.imported_memories += 1;
                                layout.memories.push(roundtrip.memory_type(ty).map_err(unsupported)?);
                            }
                            wasmparser::TypeRef::Tag(_) => return Err("modules with tags are not supported".into()),
                        }
                    }
                }
                Payload::FunctionSection(section) => {
                    for ty in section {
                        layout.function_types.push(ty?);
                    }
                }
                Payload::TableSection(section) => {
                    for table in section {
                        let table = table?;
                        if !matches!(table.init, wasmparser::TableInit::RefNull) {
                            return Err("tables with initialiser expressions are not supported".into());
                        }
                        layout.tables.push(roundtrip.table_type(table.ty).map_err(|e| format!("{e:?}"))?);
                    }
                }
                Payload::MemorySection(section) => {
                    for memory in section {
                        layout.memories.push(roundtrip.memory_type(memory?).map_err(|e| format!("{e:?}"))?);
                    }
                }
                Payload::GlobalSection(section) => {
                    for global in section {
                        layout.globals.push(roundtrip.global_type(global?.ty).map_err(|e| format!("{e:?}"))?);
                    }
                }
                Payload::ExportSection(section) => {
                    for export in section {
                        layout.exports.insert(export?.name.to_string());
                    }
                }
                Payload::StartSection { func, .. } => layout.start = Some(func),
                Payload::ElementSection(section) => {
                    for element in section {
                        if let wasmparser::ElementKind::Active { table_index, .. } = element?.kind {
                            let table = table_index.unwrap_or(0);
                            if layout.function_table.is_some_and(|t| t != table) {
                                return Err("element segments fill more than one table".into());
                            }
                            layout.function_table = Some(table);
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => layout.bodies.push(body),
                Payload::CustomSection(section) => {
                    if let wasmparser::KnownCustom::Name(names) = section.as_known() {
                        for name in names {
                            if let wasmparser::Name::Function(map) = name? {
                                for naming in map {
                                    let naming = naming?;
                                    layout.names.insert(naming.index, naming.name.to_string());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(layout)
    }

    /// The type index of defined function `defined`.
    fn defined_type(&self, defined: usize) -> u32 {
        self.function_types[self.imported_functions as usize + defined]
    }

    fn defined_count(&self) -> usize {
        self.bodies.len()
    }

    fn body_bytes(&self, defined: usize) -> usize {
        let range = self.bodies[defined].range();
        (range.end - range.start) as usize
    }

    /// Whether a defined function may go to the lazy module at all.
    fn movable(&self, defined: usize) -> Result<bool, Error> {
        let index = self.imported_functions + defined as u32;
        if self.start == Some(index) || self.body_bytes(defined) < MIN_MOVED_BODY {
            return Ok(false);
        }
        for op in self.bodies[defined].get_operators_reader()? {
            if matches!(op?, Operator::MemoryInit { .. } | Operator::DataDrop { .. }) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Every defined function's name by index (for reading a profile's hits), `None` where the
/// module has none.
pub fn function_names(wasm: &[u8]) -> Result<Vec<Option<String>>, Error> {
    let layout = Layout::read(wasm)?;
    Ok((0..layout.defined_count() as u32)
        .map(|defined| layout.names.get(&(layout.imported_functions + defined)).cloned())
        .collect())
}

/// Writes defined function `index`'s body, or the start of it, into the function given:
/// `true` if it wrote the whole body, `false` to have the original body copied after what it
/// wrote (nothing, or a prologue).
type Rewrite<'l> = Box<dyn FnMut(usize, &wasmparser::FunctionBody<'_>, &mut Function) -> Result<bool, Error> + 'l>;

/// Re-encodes a module with one more imported function (appended to the imported
/// functions, so that every defined function's index grows by one) and with some bodies
/// rewritten.
struct WithImport<'l, 'a> {
    layout: &'l Layout<'a>,
    import: (&'static str, &'static str, u32),
    new_type: Option<(Vec<wasm_encoder::ValType>, Vec<wasm_encoder::ValType>)>,
    /// What to do with each defined function, by its defined index.
    rewrite: Rewrite<'l>,
    next_body: usize,
    extra_exports: Vec<(String, ExportKind, u32)>,
    grow_function_table: u64,
}

impl Reencode for WithImport<'_, '_> {
    type Error = Error;

    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<Error>> {
        Ok(if func >= self.layout.imported_functions { func + 1 } else { func })
    }

    fn parse_type_section(
        &mut self,
        types: &mut TypeSection,
        section: wasmparser::TypeSectionReader<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        reencode::utils::parse_type_section(self, types, section)?;
        if let Some((params, results)) = self.new_type.take() {
            types.ty().function(params, results);
        }
        Ok(())
    }

    fn parse_import_section(
        &mut self,
        imports: &mut ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        reencode::utils::parse_import_section(self, imports, section)?;
        let (module, name, ty) = self.import;
        imports.import(module, name, EntityType::Function(ty));
        Ok(())
    }

    fn table_type(&mut self, table: wasmparser::TableType) -> Result<TableType, reencode::Error<Error>> {
        let mut ty = reencode::utils::table_type(self, table)?;
        // Tables are read in order: the first call after the imported ones is table 0's.
        if self.grow_function_table > 0 && ty.element_type == wasm_encoder::RefType::FUNCREF {
            ty = grown(ty, std::mem::take(&mut self.grow_function_table));
        }
        Ok(ty)
    }

    fn parse_export_section(
        &mut self,
        exports: &mut ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        for (name, kind, index) in &self.extra_exports {
            exports.export(name, *kind, *index);
        }
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut CodeSection,
        body: wasmparser::FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        let defined = self.next_body;
        self.next_body += 1;
        let mut function = self.new_function_with_parsed_locals(&body)?;
        if !(self.rewrite)(defined, &body, &mut function).map_err(reencode::Error::UserError)? {
            copy_body(self, &body, &mut function)?;
        }
        code.function(&function);
        Ok(())
    }

    fn parse_custom_section(
        &mut self,
        module: &mut Module,
        section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        // The names and debug information describe the old indices: left out.
        if section.name() == "name" || section.name().starts_with(".debug") {
            return Ok(());
        }
        reencode::utils::parse_custom_section(self, module, section)
    }
}

fn encode(reencoder: &mut WithImport<'_, '_>, wasm: &[u8]) -> Result<Vec<u8>, Error> {
    let mut module = Module::new();
    reencoder.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| format!("{e:?}"))?;
    let bytes = module.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(&bytes)?;
    Ok(bytes)
}

fn type_index_of(
    wasm: &[u8],
    params: &[wasmparser::ValType],
    results: &[wasmparser::ValType],
) -> Result<(u32, bool), Error> {
    let mut count = 0;
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::TypeSection(section) = payload? {
            for group in section {
                for sub in group?.into_types() {
                    if let wasmparser::CompositeInnerType::Func(f) = &sub.composite_type.inner {
                        if f.params() == params
                            && f.results() == results
                            && sub.is_final
                            && sub.supertype_idxs.is_empty()
                        {
                            return Ok((count, false));
                        }
                    }
                    count += 1;
                }
            }
        }
    }
    Ok((count, true))
}

/// The module with a call to `__wasm_split.hit(i32)` at the start of every defined
/// function, with the function's defined index: run it to learn which functions a use of
/// the page needs.
pub fn instrument(wasm: &[u8]) -> Result<Vec<u8>, Error> {
    let layout = Layout::read(wasm)?;
    let (hit_type, new) = type_index_of(wasm, &[wasmparser::ValType::I32], &[])?;
    let hit = layout.imported_functions;
    let mut reencoder = WithImport {
        layout: &layout,
        import: (HIT_IMPORT.0, HIT_IMPORT.1, hit_type),
        new_type: new.then(|| (vec![wasm_encoder::ValType::I32], vec![])),
        rewrite: Box::new(move |defined, _body, function| {
            function.instructions().i32_const(defined as i32).call(hit);
            Ok(false)
        }),
        next_body: 0,
        extra_exports: Vec::new(),
        grow_function_table: 0,
    };
    encode(&mut reencoder, wasm)
}

/// Appends `body`'s instructions, their indices mapped by `reencoder`, to `function`.
fn copy_body<R: Reencode + ?Sized>(
    reencoder: &mut R,
    body: &wasmparser::FunctionBody<'_>,
    function: &mut Function,
) -> Result<(), reencode::Error<R::Error>> {
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let instruction = reencoder.parse_instruction(&mut reader)?;
        function.instruction(&instruction);
    }
    Ok(())
}

/// The lazy module's view of the primary module's indices: what it imports, where.
struct LazyIndices {
    functions: HashMap<u32, u32>,
    globals: HashMap<u32, u32>,
    tables: HashMap<u32, u32>,
}

impl Reencode for LazyIndices {
    type Error = Error;
    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<Error>> {
        self.functions
            .get(&func)
            .copied()
            .ok_or_else(|| reencode::Error::UserError(format!("function {func} unmapped").into()))
    }
    fn global_index(&mut self, global: u32) -> Result<u32, reencode::Error<Error>> {
        self.globals
            .get(&global)
            .copied()
            .ok_or_else(|| reencode::Error::UserError(format!("global {global} unmapped").into()))
    }
    fn table_index(&mut self, table: u32) -> Result<u32, reencode::Error<Error>> {
        self.tables
            .get(&table)
            .copied()
            .ok_or_else(|| reencode::Error::UserError(format!("table {table} unmapped").into()))
    }
}

/// What a set of bodies refers to in the rest of the module.
#[derive(Default)]
struct Uses {
    functions: BTreeSet<u32>,
    referenced: BTreeSet<u32>,
    globals: BTreeSet<u32>,
    tables: BTreeSet<u32>,
    memories: BTreeSet<u32>,
}

impl Uses {
    fn add(&mut self, body: &wasmparser::FunctionBody<'_>) -> Result<(), Error> {
        copy_body(&mut Collect { uses: self }, body, &mut Function::new([])).map_err(|e| format!("{e:?}").into())
    }
}

/// Records the indices a body uses (through the re-encoder's hooks).
struct Collect<'u> {
    uses: &'u mut Uses,
}

impl Reencode for Collect<'_> {
    type Error = Error;
    fn function_index(&mut self, func: u32) -> Result<u32, reencode::Error<Error>> {
        self.uses.functions.insert(func);
        Ok(func)
    }
    fn global_index(&mut self, global: u32) -> Result<u32, reencode::Error<Error>> {
        self.uses.globals.insert(global);
        Ok(global)
    }
    fn table_index(&mut self, table: u32) -> Result<u32, reencode::Error<Error>> {
        self.uses.tables.insert(table);
        Ok(table)
    }
    fn memory_index(&mut self, memory: u32) -> Result<u32, reencode::Error<Error>> {
        self.uses.memories.insert(memory);
        Ok(memory)
    }
    fn instruction<'a>(&mut self, op: Operator<'a>) -> Result<wasm_encoder::Instruction<'a>, reencode::Error<Error>> {
        if let Operator::RefFunc { function_index } = op {
            self.uses.referenced.insert(function_index);
        }
        reencode::utils::instruction(self, op)
    }
}

/// The first line of a profile's section: the compiler that built the module it was measured on.
pub const SECTION_MARK: &str = "# built with ";

/// The profile `text` with its section for `compiler` (as `rustc --version` prints it)
/// holding `names`, and the other compilers' sections as they were. A profile names the
/// functions of one build, and two compilers inline and merge functions differently: the
/// same source built by rustup's Rust and by Debian's `rustc-web` (the wasm32 route of a
/// machine where rustup cannot fetch the target) has functions of different names, so each
/// measured build has its section and the split keeps the functions any section names. A
/// text without sections (an older profile) is replaced.
pub fn with_section(text: &str, compiler: &str, names: &BTreeSet<String>) -> String {
    let mut sections: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(other) = line.strip_prefix(SECTION_MARK) {
            current = Some(other.to_string());
            sections.entry(other.to_string()).or_default();
        } else if let Some(section) = &current {
            let body = sections.entry(section.clone()).or_default();
            body.push_str(line);
            body.push('\n');
        }
    }
    let mut body = String::new();
    for name in names {
        body.push_str(name);
        body.push('\n');
    }
    sections.insert(compiler.to_string(), body);
    let mut out = String::from(
        "# The functions the page runs at load and in its everyday use (make split-profile):\n\
         # they stay in the module the page loads; the rest loads when first needed. One section\n\
         # per compiler the module was measured with; the split keeps what any section names.\n",
    );
    for (compiler, body) in sections {
        out.push_str(SECTION_MARK);
        out.push_str(&compiler);
        out.push('\n');
        out.push_str(&body);
    }
    out
}

/// Whether the profile `text` has a section for `compiler` (as `rustc --version` prints it):
/// without one, a build by that compiler keeps functions of other names than it runs, and
/// its page loads the lazy module in everyday use.
pub fn has_section(text: &str, compiler: &str) -> bool {
    text.lines().any(|line| line.strip_prefix(SECTION_MARK) == Some(compiler))
}

/// The names of `compiler`'s section of the profile `text` that none of `present` (a build's
/// [`profile_name`]s) is: a section measured before the app changed, whose functions have
/// since been renamed (a closure numbered anew), merged or removed. The functions that took
/// their place are in no section, and the split leaves them to the lazy module, which the
/// page then loads in everyday use; the build says so (scripts/split-module.mjs).
pub fn stale_names(text: &str, compiler: &str, present: &HashSet<String>) -> Vec<String> {
    let mut in_section = false;
    let mut stale = Vec::new();
    for line in text.lines() {
        if let Some(other) = line.strip_prefix(SECTION_MARK) {
            in_section = other == compiler;
        } else if in_section && !line.trim().is_empty() && !line.starts_with('#') {
            let name = profile_name(line.trim());
            if !present.contains(&name) {
                stale.push(name);
            }
        }
    }
    stale
}

/// Whether the function named `name` (a [`profile_name`]) is the key comparison that one of
/// hashbrown's tables (`HashMap`, `HashSet`) calls while it looks for a key's place. Adding
/// a new key compares it with a stored key only when their hashes' top seven bits collide,
/// and a table's hashes depend on its `RandomState`, on wasm32 a counter of the tables made
/// before it: on the timing of the page, not on what the visitor does. A profile run cannot
/// be relied on to see it run (Yew's cache of elements by tag did not, until a slow run
/// loaded the lazy module to compare two tags), so it stays whatever the profile; each is a
/// few dozen bytes.
pub fn compares_keys_on_collision(name: &str) -> bool {
    name.starts_with("<hashbrown::raw::RawTable<")
        && name.contains("hashbrown::map::equivalent_key<")
        && name.ends_with(">::{closure#0}")
}

/// Splits `wasm`, keeping in the primary module every function whose [`profile_name`] is
/// in `keep`.
pub fn split(wasm: &[u8], keep: &HashSet<String>) -> Result<Split, Error> {
    let layout = Layout::read(wasm)?;
    let function_table = layout.function_table.ok_or("the module has no function table")?;
    if function_table < layout.imported_tables {
        return Err("the function table is imported".into());
    }
    let slot_base = layout.tables[function_table as usize].minimum;
    let mut moved = Vec::new();
    for defined in 0..layout.defined_count() {
        let index = layout.imported_functions + defined as u32;
        let Some(name) = layout.names.get(&index) else { continue };
        let name = profile_name(name);
        if !keep.contains(&name) && !compares_keys_on_collision(&name) && layout.movable(defined)? {
            moved.push(defined);
        }
    }
    let slot_of: HashMap<usize, u32> =
        moved.iter().enumerate().map(|(slot, &d)| (d, slot_base as u32 + slot as u32)).collect();

    let mut uses = Uses::default();
    for &defined in &moved {
        uses.add(&layout.bodies[defined])?;
    }
    let moved_indices: HashSet<u32> = moved.iter().map(|&d| layout.imported_functions + d as u32).collect();

    // The primary module: trampolines, and exports of what the lazy module uses.
    let (load_type, new_type) = type_index_of(wasm, &[], &[])?;
    let load = layout.imported_functions;
    let shifted = |f: u32| if f >= layout.imported_functions { f + 1 } else { f };
    let mut extra_exports = Vec::new();
    let needed_functions: Vec<u32> = uses
        .functions
        .iter()
        .chain(&uses.referenced)
        .copied()
        .filter(|f| !moved_indices.contains(f))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (position, &f) in needed_functions.iter().enumerate() {
        extra_exports.push((function_export(position), ExportKind::Func, shifted(f)));
    }
    let tables: Vec<u32> =
        uses.tables.iter().copied().chain([function_table]).collect::<BTreeSet<_>>().into_iter().collect();
    for &t in &tables {
        extra_exports.push((format!("%t{t}"), ExportKind::Table, t));
    }
    for &g in &uses.globals {
        extra_exports.push((format!("%g{g}"), ExportKind::Global, g));
    }
    if uses.memories.iter().any(|&m| m != 0) {
        return Err("moved functions use a memory other than memory 0".into());
    }
    if !layout.memories.is_empty() {
        extra_exports.push(("%m".to_string(), ExportKind::Memory, 0));
    }
    for (name, _, _) in &extra_exports {
        if layout.exports.contains(name) {
            return Err(format!("the module already exports {name}").into());
        }
    }
    let slots = slot_of.clone();
    let layout_ref = &layout;
    let mut primary = WithImport {
        layout: &layout,
        import: (LOAD_IMPORT.0, LOAD_IMPORT.1, load_type),
        new_type: new_type.then(|| (vec![], vec![])),
        rewrite: Box::new(move |defined, _body, function| {
            let Some(&slot) = slots.get(&defined) else { return Ok(false) };
            *function = Function::new([]);
            let ty = layout_ref.defined_type(defined);
            let param_count = layout_ref.params[ty as usize].ok_or("a function of a non-function type")?;
            let mut code = function.instructions();
            code.i32_const(slot as i32)
                .table_get(function_table)
                .ref_is_null()
                .if_(wasm_encoder::BlockType::Empty)
                .call(load)
                .end();
            for local in 0..param_count {
                code.local_get(local);
            }
            code.i32_const(slot as i32).call_indirect(function_table, ty).end();
            Ok(true)
        }),
        next_body: 0,
        extra_exports,
        grow_function_table: moved.len() as u64,
    };
    if function_table != layout.imported_tables {
        return Err("the function table must be the first defined table".into());
    }
    let primary = encode(&mut primary, wasm)?;

    // The lazy module.
    let mut lazy = Module::new();
    let mut types = TypeSection::new();
    let mut roundtrip = RoundtripReencoder;
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::TypeSection(section) = payload? {
            reencode::utils::parse_type_section(&mut roundtrip, &mut types, section).map_err(|e| format!("{e:?}"))?;
        }
    }
    lazy.section(&types);

    let mut imports = ImportSection::new();
    let mut indices = LazyIndices { functions: HashMap::new(), globals: HashMap::new(), tables: HashMap::new() };
    for (position, &f) in needed_functions.iter().enumerate() {
        imports.import(
            PRIMARY_MODULE,
            &function_export(position),
            EntityType::Function(layout.function_types[f as usize]),
        );
        indices.functions.insert(f, position as u32);
    }
    for (position, &t) in tables.iter().enumerate() {
        let ty = layout.tables[t as usize];
        let ty = if t == function_table { grown(ty, moved.len() as u64) } else { ty };
        imports.import(PRIMARY_MODULE, &format!("%t{t}"), EntityType::Table(ty));
        indices.tables.insert(t, position as u32);
    }
    for (position, &g) in uses.globals.iter().enumerate() {
        imports.import(PRIMARY_MODULE, &format!("%g{g}"), EntityType::Global(layout.globals[g as usize]));
        indices.globals.insert(g, position as u32);
    }
    if let Some(&memory) = layout.memories.first() {
        imports.import(PRIMARY_MODULE, "%m", EntityType::Memory(memory));
    }
    lazy.section(&imports);

    let first_own = needed_functions.len() as u32;
    let mut functions = FunctionSection::new();
    for (position, &defined) in moved.iter().enumerate() {
        functions.function(layout.defined_type(defined));
        indices.functions.insert(layout.imported_functions + defined as u32, first_own + position as u32);
    }
    lazy.section(&functions);

    let mut elements = ElementSection::new();
    let own: Vec<u32> = (0..moved.len() as u32).map(|p| first_own + p).collect();
    elements.active(
        Some(indices.tables[&function_table]),
        &ConstExpr::i32_const(slot_base as i32),
        Elements::Functions(own.into()),
    );
    let declared: Vec<u32> = uses.referenced.iter().map(|f| indices.functions[f]).collect();
    if !declared.is_empty() {
        elements.declared(Elements::Functions(declared.into()));
    }
    lazy.section(&elements);

    let mut code = CodeSection::new();
    for &defined in &moved {
        let body = &layout.bodies[defined];
        let mut function = indices.new_function_with_parsed_locals(body).map_err(|e| format!("{e:?}"))?;
        copy_body(&mut indices, body, &mut function).map_err(|e| format!("{e:?}"))?;
        code.function(&function);
    }
    lazy.section(&code);
    // The features the primary module declares (wasm-opt reads them).
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::CustomSection(section) = payload? {
            if section.name() == "target_features" {
                lazy.section(&wasm_encoder::CustomSection {
                    name: "target_features".into(),
                    data: section.data().into(),
                });
            }
        }
    }
    let lazy = lazy.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(&lazy)?;

    let moved_body_bytes = moved.iter().map(|&d| layout.body_bytes(d)).sum();
    let all_body_bytes = (0..layout.bodies.len()).map(|d| layout.body_bytes(d)).sum();
    let names = moved.iter().map(|&d| layout.names[&(layout.imported_functions + d as u32)].clone()).collect();
    Ok(Split { primary, lazy, moved: names, moved_body_bytes, all_body_bytes })
}

/// The name under which the primary module exports the `position`th function the lazy
/// module calls: `$` and the position in base 62, the shortest names that no wasm-bindgen
/// export has (they count in both modules: 400 or so of them).
fn function_export(position: usize) -> String {
    const DIGITS: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut digits = Vec::new();
    let mut rest = position;
    loop {
        digits.push(DIGITS[rest % 62]);
        rest /= 62;
        if rest == 0 {
            break;
        }
    }
    digits.reverse();
    format!("${}", String::from_utf8(digits).expect("ASCII digits"))
}

/// `table` with `by` more slots (the moved functions').
fn grown(mut table: TableType, by: u64) -> TableType {
    table.minimum += by;
    table.maximum = table.maximum.map(|max| max + by);
    table
}

/// Every defined function's body size and name (for `wasm-splitter sizes`).
pub fn function_sizes(wasm: &[u8]) -> Result<Vec<(usize, String)>, Error> {
    let layout = Layout::read(wasm)?;
    Ok((0..layout.bodies.len())
        .map(|d| {
            let name = layout.names.get(&(layout.imported_functions + d as u32)).cloned().unwrap_or_default();
            (layout.body_bytes(d), name)
        })
        .collect())
}

/// A module with shorter names at its boundary with JavaScript, and what was renamed.
pub struct Shortened {
    pub wasm: Vec<u8>,
    /// Each renamed import's field, old and new, in the import section's order.
    pub imports: Vec<(String, String)>,
    /// Each renamed export, old and new.
    pub exports: Vec<(String, String)>,
}

/// Gives every import from module `from` the module name `to` and a short field name, and
/// every export named in `exports` a short name: `a` to `Z`, then `a0`, `a1`, ... (valid
/// JavaScript property names, none starting with `$` or `%` as the lazy module's imports
/// do). wasm-bindgen names its imports after the item and a hash
/// (`__wbg_setAttribute_f75317b2b5cabfb4`) and its closures' exports after their whole
/// type; the glue script must be given the same names (`imports`, `exports`). Nothing
/// else changes: no index moves.
pub fn shorten(wasm: &[u8], from: &str, to: &str, exports: &HashSet<String>) -> Result<Shortened, Error> {
    let mut existing = HashSet::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ExportSection(section) = payload? {
            for export in section {
                existing.insert(export?.name.to_string());
            }
        }
    }
    let mut shortener = Shortener {
        from,
        to,
        exports,
        existing,
        next: 0,
        renamed: Shortened { wasm: Vec::new(), imports: Vec::new(), exports: Vec::new() },
    };
    let mut module = Module::new();
    shortener.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| format!("{e:?}"))?;
    let missing: Vec<&String> =
        exports.iter().filter(|name| !shortener.renamed.exports.iter().any(|(old, _)| old == *name)).collect();
    if !missing.is_empty() {
        return Err(format!("no export named {missing:?}").into());
    }
    let bytes = module.finish();
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(&bytes)?;
    shortener.renamed.wasm = bytes;
    Ok(shortener.renamed)
}

/// The `index`th short name: one letter, then a letter and base-62 digits.
pub fn short_name(index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let (mut rest, first) = (index / LETTERS.len(), LETTERS[index % LETTERS.len()]);
    let mut name = vec![first];
    while rest > 0 {
        rest -= 1;
        name.push(DIGITS[rest % DIGITS.len()]);
        rest /= DIGITS.len();
    }
    String::from_utf8(name).expect("ASCII")
}

struct Shortener<'s> {
    from: &'s str,
    to: &'s str,
    exports: &'s HashSet<String>,
    /// The module's export names, which a new name must not take.
    existing: HashSet<String>,
    next: usize,
    renamed: Shortened,
}

impl Shortener<'_> {
    fn fresh_name(&mut self) -> String {
        loop {
            let name = short_name(self.next);
            self.next += 1;
            if !self.existing.contains(&name) {
                return name;
            }
        }
    }
}

impl Reencode for Shortener<'_> {
    type Error = Error;

    fn parse_import_section(
        &mut self,
        imports: &mut ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        for group in section {
            let wasmparser::Imports::Single(_, import) = group? else {
                return Err(reencode::Error::UserError("compact import groups are not supported".into()));
            };
            let ty = self.entity_type(import.ty)?;
            if import.module == self.from {
                let name = self.fresh_name();
                imports.import(self.to, &name, ty);
                self.renamed.imports.push((import.name.to_string(), name));
            } else {
                imports.import(import.module, import.name, ty);
            }
        }
        Ok(())
    }

    fn parse_export(
        &mut self,
        exports: &mut ExportSection,
        export: wasmparser::Export<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        let (kind, index) = (self.export_kind(export.kind)?, self.external_index(export.kind, export.index)?);
        if self.exports.contains(export.name) {
            let name = self.fresh_name();
            exports.export(&name, kind, index);
            self.renamed.exports.push((export.name.to_string(), name));
        } else {
            exports.export(export.name, kind, index);
        }
        Ok(())
    }
}
