//! Requests from other loopback addresses (127.0.0.2, 127.0.0.3, …): several clients, as the app sees them
//! in `spin-client-addr`, for the per-client limits. Linux routes all of 127.0.0.0/8 to the loopback.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, ToSocketAddrs};

use crate::{Resp, TestApp};
use socket2::{Domain, Socket, Type};

/// The client 127.0.0.`n`.
pub fn client(n: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 0, n)
}

/// One HTTP/1.1 request to the app from the source address `from` (the connection is closed after it).
pub fn request_from(
    app: &TestApp,
    from: Ipv4Addr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let base = app.base_url();
    let authority = base.trim_start_matches("http://").trim_end_matches('/');
    let server: SocketAddr = authority.to_socket_addrs().expect("app address").next().expect("an address");
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    socket.bind(&SocketAddr::from((from, 0)).into()).unwrap_or_else(|e| panic!("binding {from}: {e}"));
    socket.connect(&server.into()).unwrap_or_else(|e| panic!("connecting from {from}: {e}"));
    let mut stream: std::net::TcpStream = socket.into();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("writing request");
    stream.write_all(body).expect("writing body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reading response");
    parse(&raw)
}

/// `POST path` with a JSON body from `from`.
pub fn post_json_from(app: &TestApp, from: Ipv4Addr, path: &str, body: &serde_json::Value) -> Resp {
    request_from(app, from, "POST", path, &[("content-type", "application/json")], body.to_string().as_bytes())
}

fn parse(raw: &[u8]) -> Resp {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body);
    }
    Resp { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}
