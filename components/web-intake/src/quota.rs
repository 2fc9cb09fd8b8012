//! Evidence upload quotas, shared by the web form and the JSON API's multipart intake.

use lapor_core::blind_index::BlindIndex;
use lapor_core::rate_limit;
use lapor_spin::kv;

/// The daily quota of evidence files per client address and per NIK (`rate_limit::EVIDENCE_*`), so no one
/// fills the database with uploads. Counters are keyed by hashes (the NIK's a keyed one); a store failure lets the upload through.
pub(crate) struct EvidenceQuota {
    client: String,
    nik: String,
}

impl EvidenceQuota {
    /// The quotas of the client `client` (`Req::client_subject`) and of `nik` (under its blind index).
    pub(crate) fn of(client: &str, nik: &str, index: &BlindIndex) -> EvidenceQuota {
        EvidenceQuota {
            client: rate_limit::EVIDENCE_CLIENT.key("evidence-client", client),
            nik: rate_limit::EVIDENCE_NIK.personal_key(index, "evidence-nik", nik),
        }
    }

    /// Whether `files` more files fit today's quotas.
    pub(crate) fn has_room(&self, now: i64, files: u64) -> bool {
        files == 0
            || [(&rate_limit::EVIDENCE_CLIENT, &self.client), (&rate_limit::EVIDENCE_NIK, &self.nik)]
                .iter()
                .all(|(limit, key)| kv::has_room_or_open(limit, key, now, files, "evidence quota"))
    }

    /// Counts `files` stored files.
    pub(crate) fn count(&self, now: i64, files: u64) {
        if files == 0 {
            return;
        }
        for (limit, key) in [(&rate_limit::EVIDENCE_CLIENT, &self.client), (&rate_limit::EVIDENCE_NIK, &self.nik)] {
            kv::count_or_log(limit, key, now, files, "evidence quota");
        }
    }
}
