//! Which client a request came from, for per-client limits.
//!
//! Spin 4.0.2 passes the client's own request headers first and then *appends* its own `spin-*` headers
//! (`crates/trigger-http/src/wasi.rs`: `headers.extend(...)` after the client's), so a client that sends its own
//! `spin-client-addr` puts it *before* the one Spin set. Only the last value is Spin's ([`peer`]).
//!
//! Behind a proxy or ingress (SpinKube), the peer is the proxy. Then, and only when the peer is one of the
//! configured trusted proxies (variable `trusted_proxies`: addresses or CIDR ranges), the client is read from
//! `X-Forwarded-For` from the right: the first address that is not itself a trusted proxy ([`client_ip`]). A
//! client that writes its own `X-Forwarded-For` only adds entries to the left of what the trusted proxies
//! appended, so it cannot choose the address that counts.

use std::net::{IpAddr, SocketAddr};

/// The address Spin set: the *last* `spin-client-addr` value (`ip:port`, or a bare IP).
pub fn peer(spin_client_addr: &[&str]) -> Option<IpAddr> {
    spin_client_addr.last().and_then(|v| parse_ip(v))
}

fn parse_ip(v: &str) -> Option<IpAddr> {
    let v = v.trim();
    let ip = v.parse::<SocketAddr>().map(|s| s.ip()).ok().or_else(|| v.parse::<IpAddr>().ok())?;
    Some(unmap(ip))
}

/// An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) as the IPv4 address it is.
fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The proxies whose `X-Forwarded-For` is believed: addresses and CIDR ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma- or space-separated list (`10.0.0.0/8, 192.168.1.7, fd00::/8`); empty means none.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = Vec::new();
        for item in list.split([',', ' ', '\n', '\t']).map(str::trim).filter(|s| !s.is_empty()) {
            let (addr, bits) = item.split_once('/').map_or((item, None), |(a, b)| (a, Some(b)));
            let ip = unmap(addr.parse::<IpAddr>().map_err(|_| format!("not an IP address: {item}"))?);
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(b) => b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| format!("bad prefix: {item}"))?,
            };
            nets.push((ip, bits));
        }
        Ok(TrustedProxies(nets))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` is a trusted proxy.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|(net, bits)| in_prefix(ip, *net, *bits))
    }
}

fn in_prefix(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - u32::from(bits)) };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - u32::from(bits)) };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// The client of a request: the peer Spin saw ([`peer`]); when that peer is a trusted proxy, the right-most
/// `X-Forwarded-For` entry that is not a trusted proxy (all header values in order, comma-separated). An
/// unreadable entry stops the walk at the last address known good. `None` when Spin's value is unreadable.
pub fn client_ip(spin_client_addr: &[&str], forwarded_for: &[&str], trusted: &TrustedProxies) -> Option<IpAddr> {
    let mut client = peer(spin_client_addr)?;
    if !trusted.contains(client) {
        return Some(client);
    }
    let hops: Vec<&str> = forwarded_for.iter().flat_map(|v| v.split(',')).collect();
    for hop in hops.iter().rev() {
        let Some(ip) = parse_ip(hop) else { break };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    Some(client)
}

/// The subject a per-client limit counts: an IPv4 address, or the /64 prefix of an IPv6 address (one
/// subscriber usually holds a whole /64). `unknown` (one shared bucket) when there is no readable address.
pub fn subject(ip: Option<IpAddr>) -> String {
    match ip {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        None => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_peer_is_the_last_value_spin_appended() {
        // A client that sends its own header puts it first; Spin's comes last.
        assert_eq!(peer(&["6.6.6.6:1", "127.0.0.1:5000"]), Some(ip("127.0.0.1")));
        assert_eq!(peer(&["127.0.0.2:5000"]), Some(ip("127.0.0.2")));
        assert_eq!(peer(&["[::ffff:10.1.2.3]:80"]), Some(ip("10.1.2.3")));
        assert_eq!(peer(&["nonsense"]), None);
        assert_eq!(peer(&[]), None);
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let none = TrustedProxies::default();
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7").unwrap();
        // No trusted proxy: the header is ignored, whatever it says.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["1.2.3.4"], &none), Some(ip("10.0.0.5")));
        // A peer that is not trusted: ignored too.
        assert_eq!(client_ip(&["8.8.8.8:1"], &["1.2.3.4"], &proxies), Some(ip("8.8.8.8")));
        // Behind the trusted proxy: the entry it appended.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["1.2.3.4"], &proxies), Some(ip("1.2.3.4")));
        // The client's own entries sit to the left of the proxy's: they never count.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["9.9.9.9, 1.2.3.4"], &proxies), Some(ip("1.2.3.4")));
        assert_eq!(client_ip(&["10.0.0.5:1"], &["9.9.9.9", "1.2.3.4"], &proxies), Some(ip("1.2.3.4")));
        // Two trusted hops: skipped from the right.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["1.2.3.4, 192.168.1.7"], &proxies), Some(ip("1.2.3.4")));
        // Nothing but proxies, or no header: the left-most proxy / the peer.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["10.9.9.9"], &proxies), Some(ip("10.9.9.9")));
        assert_eq!(client_ip(&["10.0.0.5:1"], &[], &proxies), Some(ip("10.0.0.5")));
        // Garbage stops the walk at the last good address.
        assert_eq!(client_ip(&["10.0.0.5:1"], &["1.2.3.4, junk"], &proxies), Some(ip("10.0.0.5")));
    }

    #[test]
    fn trusted_proxies_parse_addresses_and_ranges() {
        let t = TrustedProxies::parse("  10.0.0.0/8 fd00::/8,127.0.0.1 ").unwrap();
        assert!(t.contains(ip("10.255.0.1")) && t.contains(ip("fd12::1")) && t.contains(ip("127.0.0.1")));
        assert!(!t.contains(ip("11.0.0.1")) && !t.contains(ip("127.0.0.2")) && !t.contains(ip("fe80::1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
    }

    #[test]
    fn subjects_group_an_ipv6_subscriber() {
        assert_eq!(subject(Some(ip("203.0.113.9"))), "203.0.113.9");
        assert_eq!(subject(Some(ip("2001:db8:1:2:3:4:5:6"))), "2001:db8:1:2::/64");
        assert_eq!(subject(None), "unknown");
    }
}
