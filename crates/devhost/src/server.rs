//! The HTTP trigger: a hyper server that routes each request to a fresh component instance.

use crate::app::App;
use crate::routing::RouteMatch;
use anyhow::{anyhow, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use wasmtime_wasi_http::p2::bindings::http::types::Scheme;
use wasmtime_wasi_http::p2::body::HyperOutgoingBody;
use wasmtime_wasi_http::WasiHttpView;

/// Accepts connections until `shutdown` resolves.
pub async fn serve(
    app: Arc<App>,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    tokio::pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => accepted?,
            () = &mut shutdown => return Ok(()),
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let app = app.clone();
                async move { Ok::<_, std::convert::Infallible>(handle(app, req, client).await) }
            });
            if let Err(e) = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                if !e.is_incomplete_message() {
                    eprintln!("devhost: connection from {client}: {e}");
                }
            }
        });
    }
}

fn plain(status: StatusCode, body: &str) -> Response<HyperOutgoingBody> {
    let body = Full::new(Bytes::from(body.to_owned())).map_err(|never| match never {}).boxed_unsync();
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    resp
}

async fn handle(app: Arc<App>, req: Request<Incoming>, client: SocketAddr) -> Response<HyperOutgoingBody> {
    let Some(route) = app.router.route(req.uri().path()) else {
        return plain(StatusCode::NOT_FOUND, "Not Found");
    };
    match call_component(&app, req, &route, client).await {
        Ok(resp) => resp,
        Err(e) => {
            eprintln!("devhost: component {:?} failed: {e:#}", route.component);
            plain(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error")
        }
    }
}

/// Adds the `spin-*` headers Spin gives every HTTP component.
fn add_spin_headers(req: &mut Request<Incoming>, route: &RouteMatch, client: SocketAddr) -> Result<()> {
    let host = req.headers().get(hyper::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost").to_owned();
    let path_and_query = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/").to_owned();
    let scheme = req.uri().scheme_str().unwrap_or("http").to_owned();
    let mut headers = vec![
        ("spin-path-info".to_owned(), route.path_info.clone()),
        ("spin-full-url".to_owned(), format!("{scheme}://{host}{path_and_query}")),
        ("spin-matched-route".to_owned(), route.raw_route.clone()),
        ("spin-base-path".to_owned(), "/".to_owned()),
        ("spin-raw-component-route".to_owned(), route.raw_route.clone()),
        ("spin-component-route".to_owned(), route.component_route.clone()),
        ("spin-client-addr".to_owned(), client.to_string()),
    ];
    for (name, value) in &route.captures {
        headers.push((format!("spin-path-match-{}", name.replace('_', "-").to_ascii_lowercase()), value.clone()));
    }
    let map = req.headers_mut();
    if !map.contains_key(hyper::header::HOST) {
        map.insert(hyper::header::HOST, host.parse()?);
    }
    // As Spin 4.0.2 does (trigger-http's wasi.rs extends the client's headers with its own): appended after any
    // header of the same name the client sent, never replacing it.
    for (k, v) in headers {
        map.append(hyper::header::HeaderName::from_bytes(k.as_bytes())?, hyper::header::HeaderValue::from_str(&v)?);
    }
    Ok(())
}

async fn call_component(
    app: &App,
    mut req: Request<Incoming>,
    route: &RouteMatch,
    client: SocketAddr,
) -> Result<Response<HyperOutgoingBody>> {
    let component = app.components.get(&route.component).ok_or_else(|| anyhow!("component not loaded"))?;
    let proxy_pre =
        component.proxy.clone().ok_or_else(|| anyhow!("component does not export wasi:http/incoming-handler"))?;
    add_spin_headers(&mut req, route, client)?;
    let mut store = app.new_store(component)?;
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let req = store.data_mut().http().new_incoming_request(Scheme::Http, req)?;
    let out = store.data_mut().http().new_response_outparam(sender)?;
    // The guest may keep running (streaming the body) after it has sent the response head.
    let task = tokio::spawn(async move {
        let proxy = proxy_pre.instantiate_async(&mut store).await?;
        proxy.wasi_http_incoming_handler().call_handle(&mut store, req, out).await
    });
    match receiver.await {
        Ok(Ok(resp)) => Ok(resp),
        Ok(Err(code)) => Err(anyhow!("guest returned error code {code:?}")),
        Err(_) => {
            let e = match task.await {
                Ok(Ok(())) => anyhow!("guest never called response-outparam::set"),
                Ok(Err(e)) => anyhow::Error::from(e),
                Err(e) => anyhow::Error::from(e),
            };
            Err(e.context("guest never sent a response"))
        }
    }
}
