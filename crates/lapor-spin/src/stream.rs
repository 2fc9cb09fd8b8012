//! Answering through Spin's `ResponseOutparam`, for components that stream some responses (a large export
//! written page by page) and answer others whole.

use futures::SinkExt;
use spin_sdk::http::{Fields, OutgoingResponse, Response, ResponseOutparam};

use crate::respond::SECURITY_HEADERS;

/// Sends a whole response.
pub async fn send(out: ResponseOutparam, mut resp: Response) {
    let body = std::mem::take(resp.body_mut());
    match OutgoingResponse::try_from(resp) {
        Ok(r) => {
            if let Err(e) = out.set_with_body(r, body).await {
                eprintln!("error: send response: {e}");
            }
        }
        Err(e) => eprintln!("error: convert response: {e}"),
    }
}

/// Starts a streamed response with the security headers and `headers`; write the body to the returned sink
/// chunk by chunk (each chunk is flushed), and drop the sink to finish it.
pub fn start(
    out: ResponseOutparam,
    status: u16,
    headers: &[(&str, &str)],
) -> impl futures::Sink<Vec<u8>, Error = wasi::io::streams::StreamError> {
    let list: Vec<(String, Vec<u8>)> =
        SECURITY_HEADERS.iter().chain(headers).map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect();
    let fields = Fields::from_list(&list).expect("valid header names");
    let resp = OutgoingResponse::new(fields);
    resp.set_status_code(status).expect("valid status");
    let body = resp.take_body();
    out.set(resp);
    body
}

/// Writes one chunk, logging (not panicking) when the client went away.
pub async fn write<S>(sink: &mut S, chunk: Vec<u8>) -> bool
where
    S: futures::Sink<Vec<u8>, Error = wasi::io::streams::StreamError> + Unpin,
{
    match sink.send(chunk).await {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: stream response: {e}");
            false
        }
    }
}
