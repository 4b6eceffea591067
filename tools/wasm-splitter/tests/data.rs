//! The read-only data only the lazy module's functions reach moves into the lazy module; what
//! the primary module can reach before the lazy module is there stays, however it is reached.
//! The program below carries the records `wasm-ld --emit-relocs` writes (made by hand here).

use std::collections::HashSet;

use wasm_splitter::{move_data, split, strip_linking, DataMap};

mod common;
use common::run;

/// Read-only data at 1024, each object a symbol: `A` read by an everyday function; `B` only
/// by the rarely called one; `S` through the pointer `T` holds; `D` through an address the
/// linker computed 60 bytes below it (`D - 60`, a loop's biased base); `E` through the pointer
/// a mutable static (`P`, at 2048) holds; `G` through a pointer stored with its length as one
/// 64-bit constant; `F` by nothing.
const PROGRAM: &str = r#"
(module
  (import "env" "triple" (func $triple (param i32) (result i32)))
  (memory (export "memory") 1)
  (table 2 2 funcref)
  (elem (i32.const 1) $rarely)
  (data (i32.const 1024) "kept text\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00lazy text\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00via table\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\40\04\00\00")
  (data (i32.const 1200) "far data")
  (data (i32.const 1300) "from static")
  (data (i32.const 1400) "nobody")
  (data (i32.const 1450) "in a pair")
  (data (i32.const 2048) "\14\05\00\00")
  (func (export "kept") (param i32) (result i32)
    (i32.load8_u (i32.add (i32.const 1024) (local.get 0))))
  (func (export "via_table") (param i32) (result i32)
    (i32.load8_u (i32.add (i32.load (i32.const 1120)) (local.get 0))))
  (func (export "biased") (param i32) (result i32)
    (i32.load8_u offset=60 (i32.add (i32.const 1140) (local.get 0))))
  (func (export "via_static") (param i32) (result i32)
    (i32.load8_u (i32.add (i32.load (i32.const 2048)) (local.get 0))))
  (func (export "in_a_pair") (param i32) (result i32)
    (i64.store (i32.const 3000) (i64.const 0x00000009000005aa))
    (i32.load8_u (i32.add (i32.load (i32.const 3000)) (local.get 0))))
  (func $rarely (export "rarely") (param i32) (result i32)
    ;; a few bytes of B, summed: a body long enough to move
    (i32.add
      (i32.add (i32.load8_u (i32.add (i32.const 1056) (local.get 0)))
               (i32.load8_u (i32.add (i32.const 1057) (local.get 0))))
      (i32.add (i32.load8_u (i32.add (i32.const 1058) (local.get 0)))
               (i32.load8_u (i32.add (i32.const 1059) (local.get 0))))))
)
"#;

/// The data symbols: name, segment, offset, size (segments: the five read-only ones, then
/// the static's).
const SYMBOLS: &[(&str, u32, u32, u32)] = &[
    ("A", 0, 0, 9),
    ("B", 0, 32, 9),
    ("S", 0, 64, 9),
    ("T", 0, 96, 4),
    ("D", 1, 0, 8),
    ("E", 2, 0, 11),
    ("F", 3, 0, 6),
    ("G", 4, 0, 9),
    ("P", 5, 0, 4),
];
const SEGMENTS: &[&str] = &[".rodata", ".rodata", ".rodata", ".rodata", ".rodata", ".data"];

fn leb(mut value: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(mut value: i64, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
        out.push(if done { byte } else { byte | 0x80 });
        if done {
            return;
        }
    }
}

fn name(text: &str, out: &mut Vec<u8>) {
    leb(text.len() as u64, out);
    out.extend_from_slice(text.as_bytes());
}

fn custom_section(title: &str, payload: &[u8], out: &mut Vec<u8>) {
    let mut body = Vec::new();
    name(title, &mut body);
    body.extend_from_slice(payload);
    out.push(0);
    leb(body.len() as u64, out);
    out.extend_from_slice(&body);
}

fn symbol(name_of: &str) -> u64 {
    SYMBOLS.iter().position(|s| s.0 == name_of).unwrap() as u64
}

/// Where the byte at `address` sits in the module's data section's payload (what
/// `reloc.DATA` offsets count from).
fn data_offset(wasm: &[u8], address: u32) -> u64 {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::DataSection(reader) = payload.unwrap() {
            let start = reader.range().start;
            for data in reader {
                let data = data.unwrap();
                let wasmparser::DataKind::Active { offset_expr, .. } = data.kind else { unreachable!() };
                let wasmparser::Operator::I32Const { value } = offset_expr.get_operators_reader().read().unwrap()
                else {
                    unreachable!()
                };
                let base = value as u32;
                if (base..base + data.data.len() as u32).contains(&address) {
                    return data.range.end - data.data.len() as u64 - start + u64::from(address - base);
                }
            }
        }
    }
    panic!("no segment holds {address}")
}

/// `wasm` with the linker's records: the symbols, `T`'s and `P`'s pointers, and the code's
/// address `D - 60`.
fn linked(wasm: &[u8]) -> Vec<u8> {
    linked_with(wasm, true)
}

/// `wasm` with the symbols, and with the records of the pointers and of the code's
/// addresses or without.
fn linked_with(wasm: &[u8], relocations: bool) -> Vec<u8> {
    let mut linking = Vec::new();
    leb(2, &mut linking);
    let mut segment_info = Vec::new();
    leb(SEGMENTS.len() as u64, &mut segment_info);
    for segment in SEGMENTS {
        name(segment, &mut segment_info);
        leb(0, &mut segment_info);
        leb(0, &mut segment_info);
    }
    linking.push(5);
    leb(segment_info.len() as u64, &mut linking);
    linking.extend_from_slice(&segment_info);
    let mut table = Vec::new();
    leb(SYMBOLS.len() as u64, &mut table);
    for &(symbol_name, segment, offset, size) in SYMBOLS {
        table.push(1);
        leb(2, &mut table);
        name(symbol_name, &mut table);
        for value in [segment, offset, size] {
            leb(u64::from(value), &mut table);
        }
    }
    linking.push(8);
    leb(table.len() as u64, &mut linking);
    linking.extend_from_slice(&table);

    let mut out = wasm.to_vec();
    custom_section("linking", &linking, &mut out);
    if !relocations {
        return out;
    }
    let mut code = Vec::new();
    leb(4, &mut code); // the section's index: it is not read
    leb(1, &mut code);
    code.push(4); // R_WASM_MEMORY_ADDR_SLEB
    leb(0, &mut code);
    leb(symbol("D"), &mut code);
    sleb(-60, &mut code);
    custom_section("reloc.CODE", &code, &mut out);
    let mut data = Vec::new();
    leb(5, &mut data);
    leb(2, &mut data);
    for (at, target) in [(1120, "S"), (2048, "E")] {
        data.push(5); // R_WASM_MEMORY_ADDR_I32
        leb(data_offset(wasm, at), &mut data);
        leb(symbol(target), &mut data);
        sleb(0, &mut data);
    }
    custom_section("reloc.DATA", &data, &mut out);
    out
}

const EVERYDAY: &[&str] = &["kept", "via_table", "biased", "via_static", "in_a_pair"];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn only_the_data_the_lazy_functions_alone_reach_moves_and_everything_computes_the_same() {
    let original = wat::parse_str(PROGRAM).unwrap();
    let linked = linked(&original);
    let keep: HashSet<String> = EVERYDAY.iter().map(|name| name.to_string()).collect();
    let parts = split(&strip_linking(&linked).unwrap(), &keep).unwrap();
    assert_eq!(parts.moved, ["rarely"]);
    let moved = move_data(&DataMap::read(&linked).unwrap(), &parts.primary, &parts.lazy).unwrap();
    assert_eq!((moved.objects, moved.bytes), (2, 9 + 6), "B and F");
    for text in [&b"lazy text"[..], b"nobody"] {
        assert!(!contains(&moved.primary, text));
    }
    assert!(contains(&moved.lazy, b"lazy text"));
    for text in [&b"kept text"[..], b"via table", b"far data", b"from static", b"in a pair"] {
        assert!(contains(&moved.primary, text));
    }

    // Every everyday function reads its bytes before the lazy module is loaded.
    let everyday: Vec<(&str, i32)> = EVERYDAY.iter().flat_map(|&name| (0..9).map(move |i| (name, i))).collect();
    let (expected, _) = run(&original, None, &everyday);
    let (results, loads) = run(&moved.primary, Some(&moved.lazy), &everyday);
    assert_eq!(results, expected);
    assert_eq!(loads, 0);
    // The lazy function reads its string, which its module brought.
    let calls = [("rarely", 0), ("rarely", 3), ("kept", 2)];
    let (results, loads) = run(&moved.primary, Some(&moved.lazy), &calls);
    assert_eq!(results, run(&original, None, &calls).0);
    assert_eq!(results[0], [b'l', b'a', b'z', b'y'].map(i32::from).iter().sum::<i32>());
    assert_eq!(loads, 1);
}

#[test]
fn without_the_record_of_a_biased_address_its_object_would_move() {
    // The program's records without the relocations: `S` and `E` stay all the same (`T` and
    // `P` hold their addresses as words, which the scan of reached objects' words finds), but
    // `D`, reached only through `D - 60`, moves, and the primary module reads zeros there.
    let original = wat::parse_str(PROGRAM).unwrap();
    let keep: HashSet<String> = EVERYDAY.iter().map(|name| name.to_string()).collect();
    let parts = split(&original, &keep).unwrap();
    let map = DataMap::read(&linked_with(&original, false)).unwrap();
    let moved = move_data(&map, &parts.primary, &parts.lazy).unwrap();
    assert_eq!((moved.objects, moved.bytes), (3, 9 + 6 + 8), "B, F and D");
    let (results, loads) =
        run(&moved.primary, Some(&moved.lazy), &[("biased", 0), ("via_table", 0), ("via_static", 0)]);
    assert_eq!(results, [0, i32::from(b'v'), i32::from(b'f')]);
    assert_eq!(loads, 0);
}

#[test]
fn a_module_that_is_not_the_linked_one_is_refused() {
    let original = wat::parse_str(PROGRAM).unwrap();
    let records = linked(&original);
    let other = wat::parse_str(PROGRAM.replace("kept text", "kept TEXT")).unwrap();
    let parts = split(&other, &HashSet::new()).unwrap();
    let error = move_data(&DataMap::read(&records).unwrap(), &parts.primary, &parts.lazy).err().unwrap();
    assert!(error.to_string().contains("not built from this link"), "{error}");

    // A pointer whose record does not match the data it is in.
    let changed = linked(&wat::parse_str(PROGRAM.replace(r"\40\04\00\00", r"\41\04\00\00")).unwrap());
    let error = DataMap::read(&changed).err().unwrap();
    assert!(error.to_string().contains("changed after it was linked"), "{error}");

    let error = DataMap::read(&original).err().unwrap();
    assert!(error.to_string().contains("--emit-relocs"), "{error}");
}

#[test]
fn stripping_the_records_gives_the_module_as_it_was() {
    let original = wat::parse_str(PROGRAM).unwrap();
    assert_eq!(strip_linking(&linked(&original)).unwrap(), original);
}
