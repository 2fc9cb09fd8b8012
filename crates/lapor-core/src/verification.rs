//! The national admin's decisions on a new report: the reasons to reject one.

use crate::model::wire_enum;

wire_enum!(
    /// Why a report is rejected.
    RejectReason {
        /// The facts cannot be checked.
        NotVerifiable = "not_verifiable",
        /// False or misleading.
        Hoax = "hoax",
        /// Not about a public service.
        NotPublicService = "not_public_service",
        /// Still incomplete after a request for more.
        Incomplete = "incomplete",
    }
);

impl RejectReason {
    /// Words for the citizen, in Bahasa Indonesia.
    pub fn label_id(self) -> &'static str {
        match self {
            RejectReason::NotVerifiable => "tidak dapat diverifikasi",
            RejectReason::Hoax => "informasi tidak benar (hoaks)",
            RejectReason::NotPublicService => "bukan pelayanan publik",
            RejectReason::Incomplete => "tidak lengkap setelah diminta informasi tambahan",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip() {
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(*r));
        }
    }
}
