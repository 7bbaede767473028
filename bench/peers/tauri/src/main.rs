//! tauri-peer DIR [SUFFIX]: the bare-host contract on a minimal Tauri v2 app (the `tauri` crate on its wry runtime).
//! One 800x600 window loads socket://app/index.html[SUFFIX] from DIR. Tauri reserves the ipc:// scheme for its own
//! commands, so the page's scripts are served with `ipc://` rewritten to `peer://`, a Tauri URI-scheme protocol
//! (`register_uri_scheme_protocol`) answering the same URIs as wry-peer:
//!   peer://echo?ANY   -> {"data":"<uri>"}      peer://bytes?n=N -> N bytes
//!   peer://ready      -> prints "ready <ms>"   peer://exit?code=N&report=TEXT -> prints "report TEXT", exits N
use std::borrow::Cow;
use std::time::Instant;

use tauri::http::{header, Request, Response};
use tauri::{WebviewUrl, WebviewWindowBuilder};

#[path = "../../wry/src/query.rs"]
mod query;
use query::query_param;

fn reply(body: Vec<u8>, content_type: &str) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(Cow::Owned(body))
        .unwrap()
}

fn main() {
    let started = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: tauri-peer DIR [SUFFIX]");
        std::process::exit(2);
    }
    let root = std::path::PathBuf::from(&args[1]);
    let start = format!("socket://app/index.html{}", args.get(2).map(String::as_str).unwrap_or(""));

    tauri::Builder::default()
        .register_uri_scheme_protocol("socket", move |_ctx, request: Request<Vec<u8>>| {
            let mut path = request.uri().path().to_string();
            if path.is_empty() || path == "/" {
                path = "/index.html".into();
            }
            if path.contains("..") {
                return Response::builder().status(403).body(Cow::Borrowed(&b"path escapes root"[..])).unwrap();
            }
            match std::fs::read(root.join(&path[1..])) {
                Ok(bytes) if path.ends_with(".js") => {
                    let text = String::from_utf8_lossy(&bytes).replace("ipc://", "peer://");
                    reply(text.into_bytes(), "text/javascript")
                }
                Ok(bytes) => reply(bytes, if path.ends_with(".css") { "text/css" } else { "text/html" }),
                Err(_) => Response::builder().status(404).body(Cow::Borrowed(&b"not found"[..])).unwrap(),
            }
        })
        .register_uri_scheme_protocol("peer", move |ctx, request: Request<Vec<u8>>| {
            let uri = request.uri().to_string();
            match request.uri().host().unwrap_or("") {
                "bytes" => {
                    let n = query_param(&uri, "n").and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
                    reply(vec![b'x'; n], "application/octet-stream")
                }
                "ready" => {
                    println!("ready {:.1}", started.elapsed().as_secs_f64() * 1000.0);
                    reply(b"{}".to_vec(), "application/json")
                }
                "exit" => {
                    use std::io::Write;
                    println!("report {}", query_param(&uri, "report").unwrap_or_default());
                    let _ = std::io::stdout().flush();
                    let code = query_param(&uri, "code").and_then(|c| c.parse().ok()).unwrap_or(0);
                    ctx.app_handle().exit(code);
                    reply(b"{}".to_vec(), "application/json")
                }
                _ => reply(format!("{{\"data\":\"{}\"}}", uri).into_bytes(), "application/json"),
            }
        })
        .setup(move |app| {
            let url = tauri::Url::parse(&start)?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::CustomProtocol(url))
                .title("tauri-peer")
                .inner_size(800.0, 600.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("tauri-peer failed");
}
