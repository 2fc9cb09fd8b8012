//! Evidence files as the report API, the report form and the offline entry receive them.

use lapor_core::{evidence, secret, FieldError};
use lapor_spin::secrets;
use lapor_store::reports::Evidence;

/// Checks uploaded files: at most [`evidence::MAX_FILES`] (else a refusal on `field`), each typed by its content
/// and within the size limit (else a refusal on `file_field(index)`); refusals go to `errors`. Returns the accepted
/// files, each with a new public id.
pub fn checked<F: AsRef<[u8]>>(
    files: &[F],
    field: &str,
    file_field: impl Fn(usize) -> String,
    errors: &mut Vec<FieldError>,
) -> Vec<Evidence> {
    if files.len() > evidence::MAX_FILES {
        errors.push(FieldError::new(field, "too_many_files", "maksimal 3 berkas / at most 3 files"));
    }
    let mut accepted = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let data = f.as_ref();
        match evidence::check(data) {
            Ok(t) => accepted.push(Evidence {
                public_id: secret::token_from_random(secrets::random()),
                mime: t.mime(),
                data: data.to_vec(),
            }),
            Err(e) => errors.push(FieldError::new(&file_field(i), e.code(), e.message())),
        }
    }
    accepted
}
