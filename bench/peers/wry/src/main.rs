//! wry-peer DIR [SUFFIX]: the bare-host contract on wry + tao (Tauri v2's webview and windowing layers).
//! One 800x600 window loads socket://app/index.html[SUFFIX] from DIR, and the page's fetch('ipc://...') calls
//! are answered by a wry custom protocol, the IPC Tauri v2 itself builds on for binary payloads:
//!   ipc://echo?ANY   -> {"data":"<uri>"}       ipc://bytes?n=N -> N bytes
//!   ipc://ready      -> prints "ready <ms>"     ipc://exit?code=N&report=TEXT -> prints "report TEXT", exits N
use std::borrow::Cow;
use std::time::Instant;

use tao::event::{Event, WindowEvent};
use tao::event_loop::{ControlFlow, EventLoopBuilder};
use tao::window::WindowBuilder;
use wry::http::{header, Request, Response};
use wry::WebViewBuilder;

mod query;
use query::query_param;

enum UserEvent {
    Exit(i32),
}

fn reply(body: Vec<u8>, content_type: &str) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(Cow::Owned(body))
        .unwrap()
}

fn main() -> wry::Result<()> {
    let started = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: wry-peer DIR [SUFFIX]");
        std::process::exit(2);
    }
    let root = std::path::PathBuf::from(&args[1]);
    let start = format!("socket://app/index.html{}", args.get(2).map(String::as_str).unwrap_or(""));

    let event_loop = EventLoopBuilder::<UserEvent>::with_user_event().build();
    let proxy = event_loop.create_proxy();
    let window = WindowBuilder::new()
        .with_title("wry-peer")
        .with_inner_size(tao::dpi::LogicalSize::new(800.0, 600.0))
        .build(&event_loop)
        .unwrap();

    let files = move |_id: wry::WebViewId, request: Request<Vec<u8>>| {
        let mut path = request.uri().path().to_string();
        if path.is_empty() || path == "/" {
            path = "/index.html".into();
        }
        if path.contains("..") {
            return Response::builder().status(403).body(Cow::Borrowed(&b"path escapes root"[..])).unwrap();
        }
        match std::fs::read(root.join(&path[1..])) {
            Ok(bytes) => {
                let kind = if path.ends_with(".js") { "text/javascript" } else if path.ends_with(".css") { "text/css" } else { "text/html" };
                reply(bytes, kind)
            }
            Err(_) => Response::builder().status(404).body(Cow::Borrowed(&b"not found"[..])).unwrap(),
        }
    };
    let ipc = move |_id: wry::WebViewId, request: Request<Vec<u8>>| {
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
                println!("report {}", query_param(&uri, "report").unwrap_or_default());
                let code = query_param(&uri, "code").and_then(|c| c.parse().ok()).unwrap_or(0);
                let _ = proxy.send_event(UserEvent::Exit(code));
                reply(b"{}".to_vec(), "application/json")
            }
            _ => reply(format!("{{\"data\":\"{}\"}}", uri).into_bytes(), "application/json"),
        }
    };

    use tao::platform::unix::WindowExtUnix;
    use wry::WebViewBuilderExtUnix;
    let vbox = window.default_vbox().unwrap();
    let _webview = WebViewBuilder::new()
        .with_custom_protocol("socket".into(), files)
        .with_custom_protocol("ipc".into(), ipc)
        .with_url(&start)
        .build_gtk(vbox)?;

    event_loop.run(move |event, _, control_flow| {
        *control_flow = ControlFlow::Wait;
        match event {
            Event::UserEvent(UserEvent::Exit(code)) => {
                use std::io::Write;
                let _ = std::io::stdout().flush();
                std::process::exit(code);
            }
            Event::WindowEvent { event: WindowEvent::CloseRequested, .. } => *control_flow = ControlFlow::Exit,
            _ => {}
        }
    });
}
