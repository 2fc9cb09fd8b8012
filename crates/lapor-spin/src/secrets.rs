//! Randomness from the platform's secure source.

/// `N` random bytes.
pub fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("secure random source");
    b
}
