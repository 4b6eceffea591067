//! JSON in the page through the browser's own parser and a small writer, not serde_json:
//! serde_json's parser and the derived readers of the saved formats weigh 33 KB gzipped,
//! serde-wasm-bindgen's 22 KB, against the page's 150 KB budget. `JSON.parse` does the
//! parsing (iteratively: deep nesting is no danger); [`Value`] maps the parsed value onto a
//! format's fields, naming the field in every error (`adam.ms.coefs[0][3]: expected a
//! number, found a string`); [`Writer`] writes numbers as serde_json does.
//! `src/files.rs` and `src/saved.rs` describe the formats with them; the browser tests
//! check that the core's serde reads what they write and that they read what it writes.

use js_sys::{Array, Object, Reflect};
use learner::format::{json_number, shortest};
use wasm_bindgen::{JsCast, JsValue};

/// A parsed JSON value and where it is in the document.
pub struct Value {
    value: JsValue,
    path: String,
}

/// What went wrong where: `path: problem`, or only the problem at the top.
fn at(path: &str, problem: &str) -> String {
    if path.is_empty() {
        problem.to_owned()
    } else {
        format!("{path}: {problem}")
    }
}

/// Parse `text` with the browser's `JSON.parse`.
pub fn parse(text: &str) -> Result<Value, String> {
    js_sys::JSON::parse(text).map(|value| Value { value, path: String::new() }).map_err(|error| {
        let message = error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message()));
        format!("not JSON ({})", message.unwrap_or_else(|| "unreadable".to_owned()))
    })
}

impl Value {
    fn describe(&self) -> &'static str {
        let value = &self.value;
        if value.is_null() {
            "null"
        } else if value.as_bool().is_some() {
            "true or false"
        } else if value.as_f64().is_some() {
            "a number"
        } else if value.is_string() {
            "a string"
        } else if Array::is_array(value) {
            "an array"
        } else {
            "an object"
        }
    }

    fn wrong(&self, expected: &str) -> String {
        self.error(&format!("expected {expected}, found {}", self.describe()))
    }

    /// `problem`, said of this value: `path: problem`.
    pub fn error(&self, problem: &str) -> String {
        at(&self.path, problem)
    }

    /// Field `name` of an object, unchecked (to tell formats apart before reading one).
    pub fn peek(&self, name: &str) -> Option<Value> {
        let is_object = self.value.is_object() && !Array::is_array(&self.value);
        let value = is_object.then(|| Reflect::get(&self.value, &name.into()).ok()).flatten()?;
        if value.is_undefined() {
            return None;
        }
        Some(Value { value, path: name.to_owned() })
    }

    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }

    /// An object with exactly these fields (serde's `deny_unknown_fields`, and every field
    /// required): read each with [`Fields::get`].
    pub fn object(self, fields: &'static [&'static str]) -> Result<Fields, String> {
        if !self.value.is_object() || Array::is_array(&self.value) {
            return Err(self.wrong("an object"));
        }
        let object: Object = self.value.unchecked_into();
        for key in Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !fields.contains(&key.as_str()) {
                return Err(at(&self.path, &format!("unknown field `{key}`")));
            }
        }
        for &field in fields {
            if !Reflect::has(&object, &field.into()).unwrap_or(false) {
                return Err(at(&self.path, &format!("missing field `{field}`")));
            }
        }
        Ok(Fields { object, path: self.path })
    }

    pub fn number(&self) -> Result<f64, String> {
        self.value.as_f64().ok_or_else(|| self.wrong("a number"))
    }

    /// A whole number from 0 to `max`.
    pub fn whole(&self, max: u64) -> Result<u64, String> {
        let number = self.number()?;
        if number.fract() == 0.0 && (0.0..=max as f64).contains(&number) {
            Ok(number as u64)
        } else {
            Err(at(&self.path, &format!("expected a whole number from 0 to {max}, found {}", shortest(number))))
        }
    }

    pub fn string(&self) -> Result<String, String> {
        self.value.as_string().ok_or_else(|| self.wrong("a string"))
    }

    pub fn boolean(&self) -> Result<bool, String> {
        self.value.as_bool().ok_or_else(|| self.wrong("true or false"))
    }

    fn as_array(&self) -> Result<&Array, String> {
        self.value.dyn_ref::<Array>().filter(|_| Array::is_array(&self.value)).ok_or_else(|| self.wrong("an array"))
    }

    /// Item `index` of an array (its path is made only when an error needs it).
    fn item(&self, array: &Array, index: u32) -> Value {
        Value { value: array.get(index), path: format!("{}[{index}]", self.path) }
    }

    /// An array of `T`s, each read by `read`.
    pub fn array<T>(self, read: fn(Value) -> Result<T, String>) -> Result<Vec<T>, String> {
        let array = self.as_array()?;
        (0..array.length()).map(|index| read(self.item(array, index))).collect()
    }

    /// An array of numbers: the weights of a model, so read without a path per number.
    pub fn numbers(self) -> Result<Vec<f64>, String> {
        let array = self.as_array()?;
        (0..array.length())
            .map(|index| array.get(index).as_f64().ok_or_else(|| self.item(array, index).wrong("a number")))
            .collect()
    }
}

/// The fields of an object that [`Value::object`] checked.
pub struct Fields {
    object: Object,
    path: String,
}

impl Fields {
    pub fn get(&self, field: &str) -> Value {
        let value = Reflect::get(&self.object, &field.into()).unwrap_or(JsValue::UNDEFINED);
        let path = if self.path.is_empty() { field.to_owned() } else { format!("{}.{field}", self.path) };
        Value { value, path }
    }
}

/// JSON text, written field by field.
pub struct Writer {
    text: String,
    /// Whether the next item or field is the first of its array or object.
    first: bool,
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

impl Writer {
    pub fn new() -> Self {
        Self { text: String::new(), first: true }
    }

    pub fn finish(self) -> String {
        self.text
    }

    fn separate(&mut self) {
        if !self.first {
            self.text.push(',');
        }
        self.first = false;
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.separate();
        self.text.push('{');
        self.first = true;
        self
    }

    pub fn end_object(&mut self) -> &mut Self {
        self.text.push('}');
        self.first = false;
        self
    }

    pub fn begin_array(&mut self) -> &mut Self {
        self.separate();
        self.text.push('[');
        self.first = true;
        self
    }

    pub fn end_array(&mut self) -> &mut Self {
        self.text.push(']');
        self.first = false;
        self
    }

    /// The name of the next field; its value follows.
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.string(name);
        self.text.push(':');
        self.first = true;
        self
    }

    pub fn string(&mut self, value: &str) -> &mut Self {
        self.separate();
        self.text.push('"');
        for c in value.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                c if u32::from(c) < 0x20 => {
                    self.text.push_str("\\u00");
                    self.text.push(char::from(b"0123456789abcdef"[(u32::from(c) >> 4) as usize]));
                    self.text.push(char::from(b"0123456789abcdef"[(u32::from(c) & 15) as usize]));
                }
                c => self.text.push(c),
            }
        }
        self.text.push('"');
        self
    }

    /// A finite number as serde_json writes it (the shortest round-trip form); the formats
    /// never hold a non-finite one.
    pub fn number(&mut self, value: f64) -> &mut Self {
        self.separate();
        self.text.push_str(&json_number(value));
        self
    }

    pub fn whole(&mut self, value: u64) -> &mut Self {
        self.separate();
        self.text.push_str(&value.to_string());
        self
    }

    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.separate();
        self.text.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.separate();
        self.text.push_str("null");
        self
    }

    pub fn numbers(&mut self, values: &[f64]) -> &mut Self {
        self.begin_array();
        for &value in values {
            self.number(value);
        }
        self.end_array()
    }

    /// Raw JSON text, already valid, as the next value.
    pub fn raw(&mut self, json: &str) -> &mut Self {
        self.separate();
        self.text.push_str(json);
        self
    }
}
