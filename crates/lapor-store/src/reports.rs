//! Reports: create (report, reporter and `received` event in one transaction) and read.
