//! The read-only data that only the lazy module's functions read, moved into the lazy module.
//!
//! [`split`](crate::split) moves functions; the data segments stay in the primary module,
//! with every string the lazy functions print (refusals of broken files, the texts of
//! panels the page shows on demand). [`move_data`] takes those bytes out of the primary
//! module (zeroes, which its optimiser then drops from the segments) and gives them to the
//! lazy module as active data segments at the same addresses: instantiating the lazy module
//! writes them into the memory the two modules share, before any of its functions runs.
//!
//! Which bytes may go is decided from the linker's own records, which `wasm-ld
//! --emit-relocs` keeps in the module (`linking`, `reloc.CODE`, `reloc.DATA`; read by
//! [`DataMap::read`], removed by [`strip_linking`] before the module is optimised): every
//! data object with its extent (Rust's string literals and constants, each its own symbol),
//! the pointers stored in the data, and the addresses the code computes from each symbol.
//! An object stays in the primary module when the primary module can reach it before the
//! lazy module is there:
//!
//! - its code names an address in or near it: an `i32.const` (or a half of an `i64.const`,
//!   a lane of a `v128.const`: a `&str` stored as one 64-bit constant) or a load's or
//!   store's offset within [`NEAR`] bytes of the object; or an address the linker computed
//!   from the object's symbol that lies outside it (a loop's biased base). The optimiser
//!   between the linker and the split folds constants into one another and moves them
//!   between an address and its offset, keeping their sum: each part it leaves is an
//!   address the linker computed or one near it;
//! - or an object it reaches holds a pointer to it (a relocation, or any aligned word whose
//!   value is an address in or near it);
//! - or it is not read-only (`.data`, `.bss`: the statics' initial values, which code
//!   changes), or no symbol covers it.
//!
//! The primary module can obtain no other address before the lazy module is instantiated:
//! what the lazy functions compute only exists once they run. The test is conservative (a
//! number that happens to look like an address keeps an object), and checked: the module
//! must hold the linked module's read-only bytes at their addresses, and every pointer a
//! relocation describes must hold the address it names, or nothing is moved.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{ConstExpr, DataSection, Encode, Function, RawSection};
use wasmparser::{KnownCustom, Linking, Operator, Parser, Payload, RelocationType, SymbolInfo};

use crate::Error;

/// How far (in bytes) from an object an address named in the primary module's code may lie
/// and still keep the object there: an optimiser may fold a small constant into an address.
pub const NEAR: u32 = 16;

/// A data object the linker placed: a symbol's extent in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Object {
    start: u32,
    end: u32,
    read_only: bool,
}

/// What the linker recorded of a module's data (see the module's documentation).
pub struct DataMap {
    /// The objects of nonzero size, by start address.
    objects: Vec<Object>,
    /// The pointers stored in the data: where each is, and the object its symbol names.
    pointers: Vec<(u32, usize)>,
    /// Addresses the code computes from a symbol that lie outside the symbol's object.
    biased: HashMap<u32, Vec<usize>>,
    /// The read-only segments' bytes, by address.
    read_only: Vec<(u32, Vec<u8>)>,
    /// The longest object's size.
    longest: u32,
}

/// The result of [`move_data`].
pub struct MovedData {
    pub primary: Vec<u8>,
    pub lazy: Vec<u8>,
    /// How many bytes moved, and in how many objects.
    pub bytes: usize,
    pub objects: usize,
    /// The read-only bytes that stay.
    pub kept_bytes: usize,
}

/// The active segments of a module's data section: each one's address and bytes (and, for
/// the relocations, where its bytes start in the module).
struct Segment<'a> {
    address: u32,
    bytes: &'a [u8],
    at_in_module: usize,
}

fn active_segments(wasm: &[u8]) -> Result<(Vec<Segment<'_>>, Option<usize>), Error> {
    let mut segments = Vec::new();
    let mut section_start = None;
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::DataSection(reader) = payload? {
            section_start = Some(reader.range().start as usize);
            for data in reader {
                let data = data?;
                let wasmparser::DataKind::Active { memory_index: 0, offset_expr } = data.kind else {
                    return Err("a data segment that is passive or not for memory 0".into());
                };
                let mut ops = offset_expr.get_operators_reader();
                let Operator::I32Const { value } = ops.read()? else {
                    return Err("a data segment whose address is not a constant".into());
                };
                let at_in_module = data.range.end as usize - data.data.len();
                segments.push(Segment { address: value as u32, bytes: data.data, at_in_module });
            }
        }
    }
    Ok((segments, section_start))
}

impl DataMap {
    /// Reads the linker's records from `linked` (a module linked with `--emit-relocs`; a
    /// module that wasm-bindgen processed keeps them, and its data, unchanged).
    pub fn read(linked: &[u8]) -> Result<DataMap, Error> {
        let (segments, data_section) = active_segments(linked)?;
        let mut segment_names: Vec<String> = Vec::new();
        // Each symbol's object, by symbol index; `None` for a symbol that is not defined data.
        let mut symbols: Vec<Option<Object>> = Vec::new();
        let mut relocations = Vec::new();
        let mut linking = false;
        for payload in Parser::new(0).parse_all(linked) {
            let Payload::CustomSection(section) = payload? else { continue };
            match section.as_known() {
                KnownCustom::Linking(reader) => {
                    linking = true;
                    for subsection in reader.subsections() {
                        match subsection? {
                            Linking::SegmentInfo(map) => {
                                for segment in map {
                                    segment_names.push(segment?.name.to_string());
                                }
                            }
                            Linking::SymbolTable(map) => {
                                for symbol in map {
                                    symbols.push(match symbol? {
                                        SymbolInfo::Data { symbol: Some(defined), .. } => {
                                            let segment = segments
                                                .get(defined.index as usize)
                                                .ok_or("a data symbol in a segment the module does not have")?;
                                            let start = segment.address + defined.offset;
                                            Some(Object { start, end: start + defined.size, read_only: false })
                                        }
                                        _ => None,
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                KnownCustom::Reloc(reader) if matches!(section.name(), "reloc.CODE" | "reloc.DATA") => {
                    for entry in reader.entries() {
                        relocations.push((section.name() == "reloc.DATA", entry?));
                    }
                }
                _ => {}
            }
        }
        if !linking {
            return Err("the module has no linking section: link it with --emit-relocs".into());
        }
        if segment_names.len() != segments.len() {
            return Err(format!(
                "the linking section names {} segments, the module has {}",
                segment_names.len(),
                segments.len()
            )
            .into());
        }
        let read_only_segment = |address: u32| {
            segments.iter().zip(&segment_names).any(|(segment, name)| {
                name.starts_with(".rodata")
                    && (segment.address..segment.address + segment.bytes.len() as u32).contains(&address)
            })
        };
        let mut objects: Vec<Object> = symbols.iter().flatten().copied().filter(|o| o.end > o.start).collect();
        for object in &mut objects {
            object.read_only = read_only_segment(object.start);
        }
        objects.sort_by_key(|o| (o.start, o.end));
        objects.dedup();
        let index_of =
            |object: &Object| objects.binary_search_by_key(&(object.start, object.end), |o| (o.start, o.end)).ok();

        let mut pointers = Vec::new();
        let mut biased: HashMap<u32, Vec<usize>> = HashMap::new();
        for (in_data, entry) in relocations {
            let Some(Some(target)) = symbols.get(entry.index as usize) else { continue };
            let Some(object) = index_of(target) else { continue };
            let value = (i64::from(target.start) + entry.addend) as u32;
            match (in_data, entry.ty) {
                (true, RelocationType::MemoryAddrI32) => {
                    let at_in_module = data_section.ok_or("reloc.DATA without a data section")? + entry.offset as usize;
                    let segment = segments
                        .iter()
                        .find(|s| (s.at_in_module..s.at_in_module + s.bytes.len()).contains(&at_in_module))
                        .ok_or("a relocation outside the data segments")?;
                    let at = at_in_module - segment.at_in_module;
                    let stored = segment.bytes.get(at..at + 4).ok_or("a relocation past its segment's end")?;
                    if u32::from_le_bytes(stored.try_into().expect("four bytes")) != value {
                        return Err("a pointer in the data is not where the linking section says: the module was changed after it was linked".into());
                    }
                    pointers.push((segment.address + at as u32, object));
                }
                (
                    false,
                    RelocationType::MemoryAddrLeb | RelocationType::MemoryAddrSleb | RelocationType::MemoryAddrI32,
                ) if !(target.start..target.end).contains(&value) => {
                    biased.entry(value).or_default().push(object);
                }
                _ => {}
            }
        }
        pointers.sort_unstable();
        let read_only = segments
            .iter()
            .zip(&segment_names)
            .filter(|(_, name)| name.starts_with(".rodata"))
            .map(|(segment, _)| (segment.address, segment.bytes.to_vec()))
            .collect();
        let longest = objects.iter().map(|o| o.end - o.start).max().unwrap_or(0);
        Ok(DataMap { objects, pointers, biased, read_only, longest })
    }

    /// The objects within `slack` bytes of `address` (or holding it), and those the linker
    /// computed it from.
    fn near(&self, address: u32, slack: u32, out: &mut Vec<usize>) {
        let low = address.saturating_sub(slack);
        let high = address.saturating_add(slack);
        // By start address: back from the last object starting at or before `high`, while
        // an object (none longer than `longest`) could still reach `low`.
        let past = self.objects.partition_point(|o| o.start <= high);
        for index in (0..past).rev() {
            let object = self.objects[index];
            if object.start.saturating_add(self.longest).saturating_add(slack) <= low {
                break;
            }
            if object.end.saturating_add(slack) > low {
                out.push(index);
            }
        }
        if let Some(objects) = self.biased.get(&address) {
            out.extend(objects);
        }
    }
}

/// The module without the linker's records (`linking`, `reloc.*`), which no tool after the
/// linker keeps up to date (binaryen warns about them and leaves them wrong).
pub fn strip_linking(wasm: &[u8]) -> Result<Vec<u8>, Error> {
    with_sections(wasm, |payload, _| {
        matches!(payload, Payload::CustomSection(section)
            if section.name() == "linking" || section.name().starts_with("reloc."))
    })
}

/// `wasm` with each section as it is, but those `replace` takes care of (writing what takes
/// their place into the module it is given, or nothing).
fn with_sections(
    wasm: &[u8],
    mut replace: impl FnMut(&Payload<'_>, &mut wasm_encoder::Module) -> bool,
) -> Result<Vec<u8>, Error> {
    let mut module = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        if replace(&payload, &mut module) {
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            module.section(&RawSection { id, data: &wasm[range.start as usize..range.end as usize] });
        }
    }
    Ok(module.finish())
}

/// Records the addresses a function names: its constants and its loads' and stores' offsets.
#[derive(Default)]
struct Addresses {
    constants: BTreeSet<u32>,
    offsets: BTreeSet<u32>,
}

/// The 32-bit words a constant instruction holds (its halves, its lanes), each of which may
/// be an address.
fn constant_words(op: &Operator<'_>) -> Vec<u32> {
    match op {
        Operator::I32Const { value } => vec![*value as u32],
        Operator::I64Const { value } => vec![*value as u32, (*value >> 32) as u32],
        Operator::V128Const { value } => {
            value.bytes().chunks(4).map(|lane| u32::from_le_bytes(lane.try_into().expect("four bytes"))).collect()
        }
        _ => Vec::new(),
    }
}

impl Reencode for Addresses {
    type Error = Error;
    fn instruction<'a>(&mut self, op: Operator<'a>) -> Result<wasm_encoder::Instruction<'a>, reencode::Error<Error>> {
        self.constants.extend(constant_words(&op));
        reencode::utils::instruction(self, op)
    }
    fn mem_arg(&mut self, arg: wasmparser::MemArg) -> Result<wasm_encoder::MemArg, reencode::Error<Error>> {
        self.offsets.insert(arg.offset as u32);
        reencode::utils::mem_arg(self, arg)
    }
}

/// Moves the read-only data that only `lazy`'s functions can reach out of `primary` and into
/// `lazy` (the two parts [`split`](crate::split) made of the module `map` was read from).
pub fn move_data(map: &DataMap, primary: &[u8], lazy: &[u8]) -> Result<MovedData, Error> {
    let (segments, _) = active_segments(primary)?;
    // The module must be the linked one: the same read-only bytes at the same addresses
    // (an optimiser may have dropped runs of zeros).
    for (address, bytes) in &map.read_only {
        let mut image = vec![0u8; bytes.len()];
        for segment in &segments {
            copy_overlap(segment.address, segment.bytes, *address, &mut image);
        }
        if &image != bytes {
            return Err("the module's read-only data differs from the linked module's: not built from this link".into());
        }
    }

    // What the primary module's code names, and its globals' initial values.
    let mut reached = vec![false; map.objects.len()];
    let mut work = Vec::new();
    let mut found = Vec::new();
    for payload in Parser::new(0).parse_all(primary) {
        match payload? {
            Payload::CodeSectionEntry(body) => {
                let mut addresses = Addresses::default();
                crate::copy_body(&mut addresses, &body, &mut Function::new([])).map_err(|e| format!("{e:?}"))?;
                for &address in addresses.constants.iter().chain(&addresses.offsets) {
                    map.near(address, NEAR, &mut found);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let mut ops = global?.init_expr.get_operators_reader();
                    while !ops.eof() {
                        for word in constant_words(&ops.read()?) {
                            map.near(word, NEAR, &mut found);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    work.append(&mut found);
    // The statics that are not read-only are the program's to change: all reached.
    work.extend((0..map.objects.len()).filter(|&i| !map.objects[i].read_only));
    while let Some(index) = work.pop() {
        if std::mem::replace(&mut reached[index], true) {
            continue;
        }
        let object = map.objects[index];
        let first = map.pointers.partition_point(|&(at, _)| at < object.start);
        for &(at, target) in &map.pointers[first..] {
            if at >= object.end {
                break;
            }
            work.push(target);
        }
        // Any aligned word of the object that is an address in an object (a pointer the
        // linker did not record, should there be one; data is not optimised: no slack).
        for word_at in (object.start.next_multiple_of(4)..object.end.saturating_sub(3)).step_by(4) {
            let mut word = [0u8; 4];
            for segment in &segments {
                copy_overlap(segment.address, segment.bytes, word_at, &mut word);
            }
            map.near(u32::from_le_bytes(word), 0, &mut work);
        }
    }

    // A read-only byte moves when objects cover it and none of them is reached.
    let mut moves: Vec<Range<u32>> = Vec::new();
    let mut kept_bytes = 0;
    for (address, bytes) in &map.read_only {
        let end = address + bytes.len() as u32;
        let mut covered = vec![(false, false); bytes.len()];
        for (object, &reached) in map.objects.iter().zip(&reached) {
            if object.start >= *address && object.end <= end {
                for byte in &mut covered[(object.start - address) as usize..(object.end - address) as usize] {
                    *byte = (true, byte.1 || reached);
                }
            }
        }
        for (offset, (covered, reached)) in covered.iter().enumerate() {
            let at = address + offset as u32;
            if *covered && !reached {
                match moves.last_mut() {
                    Some(last) if last.end == at => last.end += 1,
                    _ => moves.push(at..at + 1),
                }
            } else if bytes[offset] != 0 {
                kept_bytes += 1;
            }
        }
    }
    let moved_objects =
        map.objects.iter().zip(&reached).filter(|(object, reached)| object.read_only && !**reached).count();

    // The primary module with those bytes zeroed; the lazy module with them as segments.
    let primary_out = with_sections(primary, |payload, module| {
        if !matches!(payload, Payload::DataSection(_)) {
            return false;
        }
        let mut data = DataSection::new();
        for segment in &segments {
            let mut bytes = segment.bytes.to_vec();
            for range in &moves {
                zero_overlap(segment.address, &mut bytes, range);
            }
            data.active(0, &ConstExpr::i32_const(segment.address as i32), bytes);
        }
        module.section(&data);
        true
    })?;

    let mut lazy_out = lazy.to_vec();
    if !moves.is_empty() {
        if active_segments(lazy)?.1.is_some() {
            return Err("the lazy module has data segments already".into());
        }
        let mut data = DataSection::new();
        for range in &moves {
            let mut bytes = vec![0u8; (range.end - range.start) as usize];
            for (address, original) in &map.read_only {
                copy_overlap(*address, original, range.start, &mut bytes);
            }
            data.active(0, &ConstExpr::i32_const(range.start as i32), bytes);
        }
        // Appended: a data section may follow the code section and the custom sections.
        lazy_out.push(wasm_encoder::Section::id(&data));
        data.encode(&mut lazy_out);
    }
    for module in [&primary_out, &lazy_out] {
        wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(module)?;
    }
    let bytes = moves.iter().map(|r| (r.end - r.start) as usize).sum();
    Ok(MovedData { primary: primary_out, lazy: lazy_out, bytes, objects: moved_objects, kept_bytes })
}

/// Copies into `out` (the memory from `out_address` on) what of `bytes` (at `address`) overlaps it.
fn copy_overlap(address: u32, bytes: &[u8], out_address: u32, out: &mut [u8]) {
    let start = address.max(out_address);
    let end = (address as usize + bytes.len()).min(out_address as usize + out.len()) as u32;
    if start < end {
        out[(start - out_address) as usize..(end - out_address) as usize]
            .copy_from_slice(&bytes[(start - address) as usize..(end - address) as usize]);
    }
}

/// Zeroes what of `range` overlaps `bytes` (at `address`).
fn zero_overlap(address: u32, bytes: &mut [u8], range: &Range<u32>) {
    let start = address.max(range.start);
    let end = (address as usize + bytes.len()).min(range.end as usize) as u32;
    if start < end {
        bytes[(start - address) as usize..(end - address) as usize].fill(0);
    }
}
