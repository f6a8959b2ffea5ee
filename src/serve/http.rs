//! The HTTP server: the output folder as a site, with correct content types, `index.html`
//! for folders, percent-encoded (Hangul) paths, the site's `404.html`, no file outside the
//! folder ever readable, and the live-reload script injected into HTML responses.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;

pub const LIVERELOAD_PATH: &str = "/__hoego/livereload";
const SCRIPT_PATH: &str = "/__hoego/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");

pub struct ServerState {
    /// The output folder, canonical.
    pub root: PathBuf,
    /// The site's base path (`/` or `/blog/`): requests outside it are not the site's.
    pub base_path: String,
    pub live_reload: bool,
    pub events: broadcast::Sender<String>,
    /// The current build error, shown to pages that connect while it lasts.
    pub error: Mutex<Option<String>>,
}

impl ServerState {
    pub fn new(root: &Path, base_path: &str, live_reload: bool) -> Arc<ServerState> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (events, _) = broadcast::channel(64);
        Arc::new(ServerState {
            root,
            base_path: base_path.to_string(),
            live_reload,
            events,
            error: Mutex::new(None),
        })
    }

    /// Tells every open page something: `reload`, `css`, `error` (with a message) or `ok`.
    pub fn notify(&self, kind: &str, message: Option<&str>) {
        let mut msg = serde_json::json!({ "type": kind });
        if let Some(m) = message {
            msg["message"] = serde_json::Value::String(m.to_string());
        }
        *self.error.lock().unwrap_or_else(|e| e.into_inner()) = if kind == "error" {
            message.map(String::from)
        } else {
            None
        };
        let _ = self.events.send(msg.to_string());
    }
}

pub fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(LIVERELOAD_PATH, get(websocket))
        .route(SCRIPT_PATH, get(script))
        .fallback(get(file))
        .with_state(state)
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}

async fn websocket(State(state): State<Arc<ServerState>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| live(socket, state))
}

async fn live(mut socket: WebSocket, state: Arc<ServerState>) {
    let mut events = state.events.subscribe();
    let current = state
        .error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    if let Some(message) = current {
        let msg = serde_json::json!({ "type": "error", "message": message }).to_string();
        if socket.send(Message::Text(msg.into())).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(text) => {
                    if socket.send(Message::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let reload = serde_json::json!({ "type": "reload" }).to_string();
                    if socket.send(Message::Text(reload.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                _ => return,
            },
        }
    }
}

/// What a request path names inside the output folder, or `None` when it must not be served.
pub fn resolve(root: &Path, base_path: &str, request_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .ok()?;
    let rel = decoded
        .strip_prefix(base_path)
        .or_else(|| (decoded.as_ref() == base_path.trim_end_matches('/')).then_some(""))?;
    if rel.contains('\0') || rel.contains('\\') {
        return None;
    }
    let mut path = root.to_path_buf();
    for part in Path::new(rel).components() {
        match part {
            Component::Normal(p) => path.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

async fn file(State(state): State<Arc<ServerState>>, uri: Uri) -> Response {
    let request = uri.path();
    let Some(mut path) = resolve(&state.root, &state.base_path, request) else {
        if request == "/" && state.base_path != "/" {
            return redirect(&state.base_path);
        }
        return not_found(&state).await;
    };
    if let Ok(meta) = tokio::fs::metadata(&path).await
        && meta.is_dir()
    {
        if !request.ends_with('/') {
            let mut to = format!("{request}/");
            if let Some(q) = uri.query() {
                to = format!("{to}?{q}");
            }
            return redirect(&to);
        }
        path.push("index.html");
    } else if tokio::fs::metadata(&path).await.is_err() && !request.ends_with('/') {
        // As GitHub Pages: `/2024/post` (and `/v1.2`) is served from `2024/post.html`
        // (Jekyll writes such permalinks that way).
        let mut with_html = path.clone().into_os_string();
        with_html.push(".html");
        path = PathBuf::from(with_html);
    }
    // Symlinks may point anywhere: only what really lies inside the folder is served.
    match tokio::fs::canonicalize(&path).await {
        Ok(real) if real.starts_with(&state.root) => match tokio::fs::read(&real).await {
            Ok(bytes) => respond(&state, &real, bytes, StatusCode::OK),
            Err(_) => not_found(&state).await,
        },
        _ => not_found(&state).await,
    }
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn not_found(state: &ServerState) -> Response {
    let page = state.root.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => respond(state, &page, bytes, StatusCode::NOT_FOUND),
        Err(_) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "404 Not Found",
        )
            .into_response(),
    }
}

pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "atom+xml" | "rss+xml" | "svg+xml" | "manifest+json"
        );
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn respond(state: &ServerState, path: &Path, mut bytes: Vec<u8>, status: StatusCode) -> Response {
    let ctype = content_type(path);
    if state.live_reload && ctype.starts_with("text/html") {
        bytes = inject(bytes);
    }
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    let headers = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&ctype) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let lower = String::from_utf8_lossy(&html).to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/", "/a/b.html"), Some(root.join("a/b.html")));
        assert_eq!(resolve(root, "/", "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/", "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/", "/a/%2E%2E/%2e%2e/x"), None);
        assert_eq!(resolve(root, "/", "/a%5c..%5cx"), None);
        assert_eq!(resolve(root, "/", "/a%00b"), None);
    }

    #[test]
    fn hangul_paths_are_decoded() {
        let root = Path::new("/srv/site");
        assert_eq!(
            resolve(root, "/", "/2023/%ED%9A%8C%EA%B3%A0/"),
            Some(root.join("2023/회고"))
        );
    }

    #[test]
    fn base_path_is_stripped() {
        let root = Path::new("/srv/site");
        assert_eq!(resolve(root, "/blog/", "/blog/a/"), Some(root.join("a")));
        assert_eq!(resolve(root, "/blog/", "/blog"), Some(root.to_path_buf()));
        assert_eq!(resolve(root, "/blog/", "/a/"), None);
    }

    #[test]
    fn content_types_have_charsets() {
        assert_eq!(
            content_type(Path::new("a.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert!(content_type(Path::new("feed.xml")).ends_with("charset=utf-8"));
    }

    #[test]
    fn script_goes_before_body_end() {
        let out =
            String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>".to_vec())).unwrap();
        assert!(out.contains("</script></BODY>"), "{out}");
    }
}
