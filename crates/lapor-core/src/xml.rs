//! A tiny XML writer for the formats that ask for XML (Open311 GeoReport v2): a JSON value becomes elements
//! named after its keys, with every text escaped. Arrays become repeated child elements named by the
//! caller (the root's items) or by the singular of their key (`attributes` → `attribute`).

use serde_json::Value;

/// Whether XML 1.0 allows `c` in a document (`Char`: tab, newline, carriage return, U+0020–U+D7FF,
/// U+E000–U+FFFD, U+10000–U+10FFFF; a Rust `char` is never a surrogate).
pub fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for element content and attribute values, dropping what XML 1.0 does not allow.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped rather than emitted (one would make the whole document
            // unparseable): controls other than tab, newline and carriage return, and U+FFFE / U+FFFF.
            c if !allowed(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The element name for the items of an array under `key`: `attributes` → `attribute`.
fn singular(key: &str) -> &str {
    key.strip_suffix('s').filter(|s| !s.is_empty()).unwrap_or(key)
}

fn write(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => out.push_str(&format!("<{name}/>")),
        Value::Array(items) => {
            out.push_str(&format!("<{name}>"));
            for item in items {
                write(out, singular(name), item);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::Object(map) => {
            out.push_str(&format!("<{name}>"));
            for (k, v) in map {
                write(out, k, v);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(s) => out.push_str(&format!("<{name}>{}</{name}>", escape(s))),
        Value::Bool(b) => out.push_str(&format!("<{name}>{b}</{name}>")),
        Value::Number(n) => out.push_str(&format!("<{name}>{n}</{name}>")),
    }
}

/// A document: the XML declaration, then `<root>` holding one `<item>` per element of `items` (or `value`
/// itself under `root` when it is not an array).
pub fn document(root: &str, item: &str, value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match value {
        Value::Array(items) => {
            out.push_str(&format!("<{root}>"));
            for v in items {
                write(&mut out, item, v);
            }
            out.push_str(&format!("</{root}>"));
        }
        other => write(&mut out, root, other),
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}\n"), "a&lt;b&gt;&amp;&quot;c&apos;\n");
        assert_eq!(escape("x\u{FFFE}y\u{FFFF}z\u{0}\u{1F}\u{FFFD}\u{10FFFF}"), "xyz\u{FFFD}\u{10FFFF}");
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_holds_only_characters_xml_allows(s in "\\PC*|[\u{0}-\u{1F}\u{FFFE}\u{FFFF}a<&]*") {
            let out = escape(&s);
            proptest::prop_assert!(out.chars().all(allowed));
            proptest::prop_assert!(!out.contains('<'));
        }
    }

    #[test]
    fn arrays_of_objects_become_repeated_items() {
        // Keys in alphabetical order, so the test holds whether or not serde_json preserves order.
        let v = json!([{"group": null, "metadata": false, "service_code": "kesehatan"}]);
        assert_eq!(
            document("services", "service", &v),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services><service><group/><metadata>false</metadata>\
             <service_code>kesehatan</service_code></service></services>\n"
        );
    }

    #[test]
    fn nested_arrays_use_the_singular_of_their_key() {
        let v = json!({"attributes": [{"code": "A"}], "service_code": "x"});
        assert_eq!(
            document("service_definition", "unused", &v),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<service_definition><attributes><attribute><code>A</code>\
             </attribute></attributes><service_code>x</service_code></service_definition>\n"
        );
    }

    #[test]
    fn text_is_escaped_inside_elements() {
        let v = json!([{"description": "<script>&"}]);
        assert!(document("r", "i", &v).contains("<description>&lt;script&gt;&amp;</description>"));
    }
}
