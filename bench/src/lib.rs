//! Shared set-up for LAPOR's benchmarks.
