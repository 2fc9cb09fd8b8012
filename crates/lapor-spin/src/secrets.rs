//! Randomness from the platform's secure source (`wasi:random/random`). Taken through the same `wasi`
//! bindings spin-sdk 5.2 uses, so components import only the WASI 0.2 versions Spin was checked with.

/// `N` random bytes.
pub fn random<const N: usize>() -> [u8; N] {
    let bytes = wasi::random::random::get_random_bytes(N as u64);
    let mut out = [0u8; N];
    out.copy_from_slice(&bytes[..N]);
    out
}
