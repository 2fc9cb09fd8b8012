//! Randomness from the platform's secure source (`wasi:random/random`), taken through the same `wasi` bindings
//! spin-sdk 5.2 uses, so components import only the WASI 0.2 versions Spin was checked with; and the deployment's
//! blind index key.

use lapor_core::blind_index::BlindIndex;
use lapor_store::{Db, StoreError};

use crate::{clock, vars};

/// `N` random bytes.
pub fn random<const N: usize>() -> [u8; N] {
    let bytes = wasi::random::random::get_random_bytes(N as u64);
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}

/// The deployment's blind index: keyed with the `blind_index_key` variable, or, when the operator set none, with
/// a key the app made once and keeps in the database (which then protects nothing if the database leaks: set
/// the variable in production, see docs/security.md).
pub fn blind_index(db: &dyn Db) -> Result<BlindIndex, StoreError> {
    blind_index_with(db, None)
}

/// [`blind_index`] when the key the app keeps may already have been read (`kept`, e.g. by
/// `lapor_store::reports::intake_start`): then it costs no statement.
pub fn blind_index_with(db: &dyn Db, kept: Option<&str>) -> Result<BlindIndex, StoreError> {
    if let Some(key) = vars::get("blind_index_key") {
        return Ok(BlindIndex::new(key.as_bytes()));
    }
    if let Some(key) = kept {
        return Ok(BlindIndex::new(key.as_bytes()));
    }
    let fresh = lapor_core::secret::hex(&random::<32>());
    let key = lapor_store::app_keys::get_or_make(db, "blind_index", &fresh, clock::now())?;
    Ok(BlindIndex::new(key.as_bytes()))
}
