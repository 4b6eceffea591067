//! The browser's `localStorage`, through web-sys rather than gloo-storage: gloo-storage
//! stores values as serde_json text, and serde_json would cost the page 33 KB gzipped. A
//! saved session is a few hundred bytes (the actions that made it; about 100 KB when it
//! starts from an imported model), well inside the 5 MB localStorage gives a site, and it
//! must be readable before the page's first render, which IndexedDB's asynchronous API
//! would not allow.
//!
//! Every call can fail, and each failure is one sentence a visitor can read: the browser
//! may refuse the page its storage (a privacy setting), or the storage may be full.

use wasm_bindgen::JsCast;

/// The page's entries, under keys that start with its prefix.
#[derive(Clone)]
pub struct Store {
    storage: web_sys::Storage,
    prefix: String,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.prefix == other.prefix
    }
}

/// The sentence for a storage the browser refuses.
pub const REFUSED: &str =
    "Your browser does not let this page store anything (a privacy setting?): this session will be lost on reload.";

/// Why an entry was not stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refusal {
    /// The page's storage is full.
    Full,
    /// The browser refuses the page its storage.
    Refused,
}

impl Refusal {
    /// The refusal in words: when the storage is full, `when_full` says what was not kept and
    /// what the visitor can do.
    pub fn told(self, when_full: &str) -> String {
        match self {
            Refusal::Full => format!("The browser's storage for this page is full: {when_full}"),
            Refusal::Refused => REFUSED.to_owned(),
        }
    }
}

impl Store {
    /// The page's storage, or why there is none.
    pub fn open(prefix: &str) -> Result<Self, String> {
        let storage = web_sys::window()
            .ok_or(())
            .and_then(|window| window.local_storage().map_err(drop))
            .and_then(|storage| storage.ok_or(()))
            .map_err(|()| REFUSED.to_owned())?;
        Ok(Self { storage, prefix: prefix.to_owned() })
    }

    /// `key` as the browser stores it (what a `storage` event names).
    pub fn full_key(&self, key: &str) -> String {
        format!("{}/{key}", self.prefix)
    }

    /// The entry under `key`, if there is one.
    pub fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.storage.get_item(&self.full_key(key)).map_err(|_| REFUSED.to_owned())
    }

    /// Store `value` under `key`; when the browser refuses (storage full), the entry keeps
    /// its previous value.
    pub fn set(&self, key: &str, value: &str) -> Result<(), Refusal> {
        self.storage.set_item(&self.full_key(key), value).map_err(|error| {
            let name = error.dyn_ref::<web_sys::DomException>().map(|error| error.name()).unwrap_or_default();
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                Refusal::Full
            } else {
                Refusal::Refused
            }
        })
    }

    pub fn remove(&self, key: &str) -> Result<(), String> {
        self.storage.remove_item(&self.full_key(key)).map_err(|_| REFUSED.to_owned())
    }

    /// The keys under `folder/`, without it, in the order a person reads names in.
    pub fn keys_in(&self, folder: &str) -> Vec<String> {
        let start = self.full_key(&format!("{folder}/"));
        let mut keys: Vec<String> = Vec::new();
        for index in 0..self.storage.length().unwrap_or(0) {
            let key = self.storage.key(index).ok().flatten();
            if let Some(key) = key.as_deref().and_then(|key| key.strip_prefix(&start)) {
                // Inserted in order, the order a person reads names in (`snap 9` before
                // `snap 10`: learner::names::name_order): a page keeps a few snapshots,
                // and slice::sort would add 3 KB to the bundle.
                let at = keys.partition_point(|other| learner::names::name_order(other, key).is_lt());
                keys.insert(at, key.to_owned());
            }
        }
        keys
    }
}
