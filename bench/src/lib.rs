//! Shared set-up for LAPOR's benchmarks.

/// The `n`-th citizen's NIK and phone number: valid, and all different for 99,990 citizens (so the filing limits
/// per NIK and per phone see a new citizen each time).
pub fn citizen(n: usize) -> (String, String) {
    (format!("17710157089{}{:04}", n / 9999 % 10, n % 9999 + 1), format!("0812{n:08}"))
}

/// An inbound SMS as Twilio posts it to `{public}/webhooks/sms/twilio`, signed with `token`: the form body and its
/// `X-Twilio-Signature`.
pub fn signed_sms(token: &str, public: &str, sid: &str, from: &str, text: &str) -> (String, String) {
    let params = [("MessageSid", sid), ("From", from), ("To", "1708"), ("Body", text)];
    let sig = lapor_e2e::twilio_signature(token, &format!("{public}/webhooks/sms/twilio"), &params);
    (lapor_e2e::form_encode(&params), sig)
}
