//! The HTTP headers of each soapAction a [`Client`](crate::Client) has called, built once.
//!
//! Generated operations are constants, so a soapAction is the same `&'static str` on every
//! call: the cache finds it by its address and length, without hashing or comparing its
//! text. The same text at another address is another entry, which is harmless: there are
//! as many as there are distinct strings in the program.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Mutex, PoisonError};

use reqwest::header::HeaderMap;

use crate::error::SoapError;

/// Request headers by soapAction.
#[derive(Debug, Default)]
pub(crate) struct HeaderCache {
    by_action: Mutex<HashMap<Action, HeaderMap, BuildHasherDefault<AddressHasher>>>,
}

impl HeaderCache {
    /// The headers of `action`, made by `build` the first time it is asked for. A call
    /// clones them, which shares their bytes.
    pub(crate) fn get_or_build(
        &self,
        action: &'static str,
        build: impl FnOnce() -> Result<HeaderMap, SoapError>,
    ) -> Result<HeaderMap, SoapError> {
        let mut cache = self
            .by_action
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(headers) = cache.get(&Action(action)) {
            return Ok(headers.clone());
        }
        let headers = build()?;
        cache.insert(Action(action), headers.clone());
        Ok(headers)
    }
}

/// A soapAction, equal to another only at the same address with the same length.
#[derive(Debug, Clone, Copy)]
struct Action(&'static str);

impl PartialEq for Action {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Action {}

impl Hash for Action {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.0.as_ptr() as usize);
    }
}

/// Hashes an address with one multiplication (Fibonacci hashing), folding the high bits,
/// where the multiplication puts its entropy, into the low ones the table indexes by.
#[derive(Debug, Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_usize(usize::from(byte));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{CONTENT_TYPE, HeaderValue};

    fn headers(content_type: &'static str) -> Result<HeaderMap, SoapError> {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        Ok(headers)
    }

    #[test]
    fn builds_each_action_once_and_keeps_actions_apart() {
        let cache = HeaderCache::default();
        let first = cache.get_or_build("urn:a", || headers("a")).unwrap();
        assert_eq!(first[CONTENT_TYPE], "a");
        let again = cache
            .get_or_build("urn:a", || panic!("built twice"))
            .unwrap();
        assert_eq!(again, first);
        let other = cache.get_or_build("urn:b", || headers("b")).unwrap();
        assert_eq!(other[CONTENT_TYPE], "b");
    }

    #[test]
    fn the_same_text_elsewhere_is_built_again_not_confused() {
        let cache = HeaderCache::default();
        let whole: &'static str = "urn:actionurn:action";
        let (left, right) = whole.split_at(10);
        assert_eq!(left, right);
        cache.get_or_build(left, || headers("left")).unwrap();
        let built = cache.get_or_build(right, || headers("right")).unwrap();
        assert_eq!(built[CONTENT_TYPE], "right");
        // A prefix at the same address is another action too.
        let prefix = cache
            .get_or_build(&whole[..4], || headers("prefix"))
            .unwrap();
        assert_eq!(prefix[CONTENT_TYPE], "prefix");
    }

    #[test]
    fn a_failed_build_is_not_cached() {
        let cache = HeaderCache::default();
        let failed = cache.get_or_build("urn:bad", || {
            Err(SoapError::Transport {
                kind: crate::error::TransportErrorKind::Setup,
                message: "bad".into(),
            })
        });
        assert!(failed.is_err());
        let built = cache.get_or_build("urn:bad", || headers("now")).unwrap();
        assert_eq!(built[CONTENT_TYPE], "now");
    }
}
