//! Who hears about a report, and on what (issue 16): the rules behind every message to a reporter. A reporter
//! is told on every channel they gave — an SMS to the phone, a reply on X to their post, an e-mail — once per
//! event per channel, unless they opted out of that channel. The texts are in [`crate::messages`]; the outbox
//! (lapor-store) stores what these rules decide, and lapor-spin delivers it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::messages;
use crate::Channel;

/// How a message reaches the reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Medium {
    Sms,
    X,
    Email,
}

impl Medium {
    /// Longest text on this medium, in characters.
    pub fn max(self) -> usize {
        match self {
            Medium::Sms => messages::SMS_MAX,
            Medium::X => messages::X_MAX,
            Medium::Email => messages::EMAIL_MAX,
        }
    }

    /// The outbox's channel name.
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Sms => "sms",
            Medium::X => "x",
            Medium::Email => "email",
        }
    }
}

/// What the reporter of a report gave to be reached, and what they declined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Contact<'a> {
    /// The channel the report came through (`None`: unknown, then only phone and e-mail count).
    pub channel: Option<Channel>,
    /// The provider's id of the inbound message (the post id on X).
    pub source_ref: Option<&'a str>,
    /// E.164.
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub opt_out: OptOut,
}

/// Channels a reporter asked not to be told on (on the form, in the API, or by the e-mail's unsubscribe link).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OptOut {
    pub sms: bool,
    pub email: bool,
}

/// One recipient of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub medium: Medium,
    /// E.164 number, post id, or e-mail address.
    pub recipient: String,
}

/// Where a reporter is told, in a stable order (SMS, X, e-mail). An SMS reporter always gets SMS (they wrote
/// from that number and reply to it); a reporter of another channel who gave a phone gets the same SMS unless
/// they opted out; an X reporter gets the reply to their post; an e-mail goes to the address given unless they
/// unsubscribed.
pub fn routes(c: &Contact) -> Vec<Route> {
    let mut out = Vec::new();
    let sms_reporter = c.channel == Some(Channel::Sms);
    if let Some(phone) = c.phone.filter(|p| !p.is_empty()) {
        if sms_reporter || !c.opt_out.sms {
            out.push(Route { medium: Medium::Sms, recipient: phone.to_string() });
        }
    }
    if c.channel == Some(Channel::X) {
        if let Some(post) = c.source_ref.filter(|p| !p.is_empty()) {
            out.push(Route { medium: Medium::X, recipient: post.to_string() });
        }
    }
    if let Some(email) = c.email.filter(|e| !e.is_empty()) {
        if !c.opt_out.email {
            out.push(Route { medium: Medium::Email, recipient: email.to_string() });
        }
    }
    out
}

/// Whether a new report of this channel is acknowledged through the reporter's routes when it is stored. SMS
/// and X reports are acknowledged by the reply to the inbound message itself (queued by their channel); an
/// offline complaint by its own SMS with the tracking ID and the reporter code (`lapor_store::offline`), so the
/// citizen gets one message, not two.
pub fn acknowledged_on_intake(channel: Channel) -> bool {
    matches!(channel, Channel::Web | Channel::Open311)
}

/// The outbox key of one cause's message on one medium: one message per event per reporter per channel. SMS
/// and X keep the cause's key (as before e-mail existed), e-mail adds `:email`.
pub fn dedupe_key(cause_key: &str, medium: Medium) -> String {
    match medium {
        Medium::Sms | Medium::X => cause_key.to_string(),
        Medium::Email => format!("{cause_key}:email"),
    }
}

/// The secret of an e-mail's unsubscribe link for `tracking_id` and `address`: hex HMAC-SHA256 keyed with the
/// app's `email_link_secret`. It works without signing in, for this report and this address only.
pub fn unsubscribe_token(secret: &str, tracking_id: &str, address: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(b"lapor-unsubscribe\0");
    mac.update(tracking_id.as_bytes());
    mac.update(b"\0");
    mac.update(address.as_bytes());
    crate::secret::hex(&mac.finalize().into_bytes())
}

/// Whether `given` is the unsubscribe secret for this report and address. An empty app secret accepts nothing.
pub fn unsubscribe_valid(secret: &str, tracking_id: &str, address: &str, given: &str) -> bool {
    !secret.is_empty()
        && crate::secret::constant_time_eq(
            unsubscribe_token(secret, tracking_id, address).as_bytes(),
            given.trim().as_bytes(),
        )
}

/// The path of the unsubscribe page (relative to the public base URL).
pub fn unsubscribe_path(secret: &str, tracking_id: &str, address: &str) -> String {
    format!("/berhenti/{tracking_id}/{}", unsubscribe_token(secret, tracking_id, address))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(channel: Channel) -> Contact<'static> {
        Contact {
            channel: Some(channel),
            source_ref: Some("1800000000000000001"),
            phone: Some("+6281234567890"),
            email: Some("siti@example.id"),
            opt_out: OptOut::default(),
        }
    }

    fn media(c: &Contact) -> Vec<Medium> {
        routes(c).iter().map(|r| r.medium).collect()
    }

    #[test]
    fn every_channel_given_is_told() {
        assert_eq!(media(&contact(Channel::Web)), [Medium::Sms, Medium::Email]);
        assert_eq!(media(&contact(Channel::Open311)), [Medium::Sms, Medium::Email]);
        assert_eq!(media(&contact(Channel::Offline)), [Medium::Sms, Medium::Email]);
        assert_eq!(media(&Contact { email: None, ..contact(Channel::Sms) }), [Medium::Sms]);
        assert_eq!(media(&Contact { phone: None, email: None, ..contact(Channel::X) }), [Medium::X]);
        let web = routes(&contact(Channel::Web));
        assert_eq!(web[0].recipient, "+6281234567890");
        assert_eq!(web[1].recipient, "siti@example.id");
    }

    #[test]
    fn opting_out_stops_that_channel_only() {
        let sms_off = Contact { opt_out: OptOut { sms: true, email: false }, ..contact(Channel::Web) };
        assert_eq!(media(&sms_off), [Medium::Email]);
        let email_off = Contact { opt_out: OptOut { sms: false, email: true }, ..contact(Channel::Web) };
        assert_eq!(media(&email_off), [Medium::Sms]);
        let both = Contact { opt_out: OptOut { sms: true, email: true }, ..contact(Channel::Web) };
        assert!(routes(&both).is_empty());
        // An SMS reporter wrote from that number: the replies go there.
        let sms = Contact { opt_out: OptOut { sms: true, email: true }, ..contact(Channel::Sms) };
        assert_eq!(media(&sms), [Medium::Sms]);
    }

    #[test]
    fn a_web_report_has_no_x_route_and_empty_values_are_no_route() {
        let c = Contact { phone: Some(""), email: Some(""), ..contact(Channel::Web) };
        assert!(routes(&c).is_empty());
    }

    #[test]
    fn one_key_per_cause_and_medium() {
        assert_eq!(dedupe_key("answer:7:12", Medium::Sms), "answer:7:12");
        assert_eq!(dedupe_key("answer:7:12", Medium::Email), "answer:7:12:email");
        assert_ne!(dedupe_key("k", Medium::Sms), dedupe_key("k", Medium::Email));
    }

    #[test]
    fn intake_acknowledgement_by_channel() {
        assert!(acknowledged_on_intake(Channel::Web));
        assert!(acknowledged_on_intake(Channel::Open311));
        assert!(!acknowledged_on_intake(Channel::Offline), "its own SMS carries the reporter code");
        assert!(!acknowledged_on_intake(Channel::Sms));
        assert!(!acknowledged_on_intake(Channel::X));
    }

    #[test]
    fn unsubscribe_links_are_bound_to_report_address_and_secret() {
        let t = unsubscribe_token("s3cret", "1234567890", "siti@example.id");
        assert_eq!(t.len(), 64);
        assert!(unsubscribe_valid("s3cret", "1234567890", "siti@example.id", &t));
        assert!(!unsubscribe_valid("s3cret", "1234567891", "siti@example.id", &t), "another report");
        assert!(!unsubscribe_valid("s3cret", "1234567890", "budi@example.id", &t), "another address");
        assert!(!unsubscribe_valid("other", "1234567890", "siti@example.id", &t), "another secret");
        assert!(!unsubscribe_valid(
            "",
            "1234567890",
            "siti@example.id",
            &unsubscribe_token("", "1234567890", "siti@example.id")
        ));
        assert!(!unsubscribe_valid("s3cret", "1234567890", "siti@example.id", ""));
        assert_eq!(unsubscribe_path("s3cret", "1234567890", "siti@example.id"), format!("/berhenti/1234567890/{t}"));
    }
}
