//! A browser-like client (it keeps the session cookie it is given), the
//! signed-in fixture, and the one booking helper of the tests.

use super::{unique_name, TestApp, TIMEOUT};
use chrono::NaiveDate;
use reqwest::Method;
use serde_json::{json, Value};

/// The password of every account the tests register.
pub const PASSWORD: &str = "correct horse battery";

/// Who a signed-in client is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Diner,
    Staff,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Diner => "diner",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }
}

pub struct Client {
    http: reqwest::Client,
    base: String,
    /// Sent as `Origin`, as a browser does (the site's public origin).
    pub origin: String,
    /// `name=value` of the session cookie, as the browser would send it.
    pub cookie: Option<String>,
    /// `name=value` of the device cookie (given at sign-in).
    pub device: Option<String>,
    /// Sent as `X-Forwarded-For` (rate-limit tests behind a trusted proxy).
    pub forwarded_for: Option<&'static str>,
    /// Sent as `Accept-Language`.
    pub lang: &'static str,
    /// The account's e-mail, for clients from [`TestApp::signed_in`].
    pub email: String,
}

impl Client {
    pub fn new(http: reqwest::Client, base: &str) -> Client {
        Client {
            http,
            base: base.to_owned(),
            origin: base.to_owned(),
            cookie: None,
            device: None,
            forwarded_for: None,
            lang: "en",
            email: String::new(),
        }
    }

    /// The same client speaking another language.
    pub fn with_lang(mut self, lang: &'static str) -> Client {
        self.lang = lang;
        self
    }

    /// A client that replays `cookie` (as a stolen or kept cookie would be).
    pub fn with_cookie(mut self, cookie: &str) -> Client {
        self.cookie = Some(cookie.to_owned());
        self
    }

    async fn send(&mut self, mut req: reqwest::RequestBuilder, what: &str) -> (u16, Value) {
        // As a browser does on writes: our own origin.
        req = req
            .header("accept-language", self.lang)
            .header("origin", self.origin.as_str());
        let cookies: Vec<&str> = [&self.cookie, &self.device]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !cookies.is_empty() {
            req = req.header("cookie", cookies.join("; "));
        }
        if let Some(ip) = self.forwarded_for {
            req = req.header("x-forwarded-for", ip);
        }
        let res = tokio::time::timeout(TIMEOUT, req.send())
            .await
            .unwrap_or_else(|_| panic!("{what}: no answer in {TIMEOUT:?}"))
            .expect("request succeeds");
        for set in res.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            if set.contains("techplus.device=") {
                self.device = Some(set.split(';').next().unwrap().to_owned());
                continue;
            }
            if !set.contains("techplus.sid=") {
                continue;
            }
            // An expired cookie (sign-out) removes the session.
            if set.contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(set.split(';').next().unwrap().to_owned());
            }
        }
        let status = res.status().as_u16();
        let text = tokio::time::timeout(TIMEOUT, res.text())
            .await
            .unwrap_or_else(|_| panic!("{what}: body not complete in {TIMEOUT:?}"))
            .unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// A `multipart/form-data` POST of one file in the part `part`
    /// (named `filename`, declared as `content_type`), as a browser's
    /// file input sends it.
    pub async fn upload(
        &mut self,
        path: &str,
        part: &str,
        filename: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> (u16, Value) {
        self.upload_with(path, &[], (part, filename, content_type, bytes))
            .await
    }

    /// A `multipart/form-data` POST of text parts `texts`, then one file
    /// `(part, filename, content type, bytes)`.
    pub async fn upload_with(
        &mut self,
        path: &str,
        texts: &[(&str, &str)],
        (part, filename, content_type, bytes): (&str, &str, &str, &[u8]),
    ) -> (u16, Value) {
        let boundary = "----techplus-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, text) in texts {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; \
                 filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self
            .http
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body);
        self.send(req, &format!("POST {path}")).await
    }

    /// A GET whose answer is a stream (server-sent events): the open
    /// response, its body left to read with [`next_event`].
    pub async fn stream(&mut self, path: &str) -> reqwest::Response {
        let mut req = self
            .http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/event-stream")
            .header("accept-language", self.lang);
        if let Some(cookie) = &self.cookie {
            req = req.header("cookie", cookie.as_str());
        }
        tokio::time::timeout(TIMEOUT, req.send())
            .await
            .unwrap_or_else(|_| panic!("GET {path}: no answer in {TIMEOUT:?}"))
            .expect("request succeeds")
    }

    /// A JSON API call: (status, body as JSON; `Null` when empty, a string
    /// when not JSON).
    pub async fn json(&mut self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let what = format!("{method} {path}");
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            req = req.json(&body);
        }
        self.send(req, &what).await
    }

    pub async fn get(&mut self, path: &str) -> (u16, Value) {
        self.json(Method::GET, path, None).await
    }

    pub async fn post(&mut self, path: &str, body: Value) -> (u16, Value) {
        self.json(Method::POST, path, Some(body)).await
    }

    pub async fn put(&mut self, path: &str, body: Value) -> (u16, Value) {
        self.json(Method::PUT, path, Some(body)).await
    }

    pub async fn delete_json(&mut self, path: &str, body: Value) -> (u16, Value) {
        self.json(Method::DELETE, path, Some(body)).await
    }

    pub async fn delete(&mut self, path: &str) -> (u16, Value) {
        self.json(Method::DELETE, path, None).await
    }

    /// Calls a server function with a URL-encoded form, as the browser does
    /// (`POST /api/fn/<name>`, answers in JSON).
    pub async fn server_fn(&mut self, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let req = self
            .http
            .post(format!("{}/api/fn/{name}", self.base))
            .header("accept", "application/json")
            .form(form);
        self.send(req, &format!("server function {name}")).await
    }

    /// Registers (the server signs nobody in) and, when the server took
    /// it (202), signs in with the new account's password. Returns the
    /// registration's status.
    pub async fn register(&mut self, email: &str) -> u16 {
        self.email = email.to_owned();
        let (status, _) = self
            .post(
                "/api/auth/register",
                json!({"name": "Ada Lovelace", "email": email, "password": PASSWORD, "locale": "en"}),
            )
            .await;
        if status == 202 {
            assert_eq!(self.login(email, PASSWORD).await, 200, "sign in {email}");
        }
        status
    }

    pub async fn login(&mut self, email: &str, password: &str) -> u16 {
        self.post(
            "/api/auth/login",
            json!({"email": email, "password": password}),
        )
        .await
        .0
    }

    /// Books through `POST /api/reservations`; it must be accepted (201).
    /// Returns the created reservation.
    pub async fn book(&mut self, booking: &Booking) -> Value {
        let (status, created) = self.try_book(booking).await;
        assert_eq!(status, 201, "{} → {created}", booking.json());
        created
    }

    /// Like [`Client::book`], but returns whatever the server answered.
    pub async fn try_book(&mut self, booking: &Booking) -> (u16, Value) {
        self.post("/api/reservations", booking.json()).await
    }
}

/// A booking request. [`Booking::at`] gives Ada Lovelace's booking for two,
/// in English; the methods change one field each.
#[derive(Debug, Clone)]
pub struct Booking {
    pub date: NaiveDate,
    pub time: String,
    pub party: i64,
    /// `None` for a signed-in diner: the account fills them in.
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: String,
    pub notes: String,
    pub locale: String,
}

impl Booking {
    pub fn at(date: NaiveDate, time: &str) -> Booking {
        Booking {
            date,
            time: time.to_owned(),
            party: 2,
            name: Some("Ada Lovelace".into()),
            email: Some("ada@example.com".into()),
            phone: "+33 6 12 34 56 78".into(),
            notes: "Window seat if possible".into(),
            locale: "en".into(),
        }
    }

    pub fn party(mut self, party: i64) -> Booking {
        self.party = party;
        self
    }

    pub fn email(mut self, email: &str) -> Booking {
        self.email = Some(email.to_owned());
        self
    }

    pub fn name(mut self, name: &str) -> Booking {
        self.name = Some(name.to_owned());
        self
    }

    pub fn phone(mut self, phone: &str) -> Booking {
        self.phone = phone.to_owned();
        self
    }

    pub fn notes(mut self, notes: &str) -> Booking {
        self.notes = notes.to_owned();
        self
    }

    pub fn locale(mut self, locale: &str) -> Booking {
        self.locale = locale.to_owned();
        self
    }

    /// Without name and e-mail: a signed-in diner's account provides them.
    pub fn for_the_account(mut self) -> Booking {
        self.name = None;
        self.email = None;
        self
    }

    /// The JSON body of `POST /api/reservations`.
    pub fn json(&self) -> Value {
        let mut body = json!({
            "date": self.date.to_string(),
            "time": self.time,
            "party_size": self.party,
            "phone": self.phone,
            "notes": self.notes,
            "locale": self.locale,
        });
        if let Some(name) = &self.name {
            body["name"] = json!(name);
        }
        if let Some(email) = &self.email {
            body["email"] = json!(email);
        }
        body
    }
}

/// Registers a new account through the API, marks its e-mail verified,
/// gives it `role` (the admin path is `server admin create`'s service) and
/// signs in again, so that the session carries the role.
pub async fn signed_in(app: &TestApp, role: Role) -> Client {
    let email = format!("{}@example.com", unique_name(role.as_str()));
    let mut client = app.client();
    assert_eq!(client.register(&email).await, 202, "register {email}");
    let now = backend::now();
    let user = app.store.user_by_email(&email).await.unwrap();
    app.store.set_email_verified(user.id, now).await.unwrap();
    match role {
        Role::Diner => {}
        Role::Staff => app.store.set_role(user.id, "staff", now).await.unwrap(),
        Role::Admin => backend::services::accounts::create_admin(
            &app.store,
            now,
            domain::Email::parse(&email).unwrap(),
            domain::GuestName::parse("Ada Lovelace").unwrap(),
            domain::Password::parse(PASSWORD).unwrap(),
        )
        .await
        .unwrap(),
    }
    assert_eq!(client.login(&email, PASSWORD).await, 200, "sign in {email}");
    let (status, me) = client.get("/api/auth/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["role"], role.as_str());
    assert_eq!(me["email_verified"], true);
    client
}

/// The `reference` of a created reservation.
pub fn reference(created: &Value) -> String {
    created["reference"]
        .as_str()
        .unwrap_or_else(|| panic!("no reference in {created}"))
        .to_owned()
}

/// The `manage_token` of a created reservation.
pub fn manage_token(created: &Value) -> String {
    created["manage_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no manage token in {created}"))
        .to_owned()
}

/// Reads a server-sent event stream until an event named `name` comes,
/// within `within`: its data, or `None` when it did not come in time.
pub async fn next_event(
    res: &mut reqwest::Response,
    name: &str,
    within: std::time::Duration,
) -> Option<String> {
    let deadline = tokio::time::Instant::now() + within;
    let mut text = String::new();
    loop {
        // Events are separated by a blank line.
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let field = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_owned()))
            };
            if field("event:").as_deref() == Some(name) {
                return Some(field("data:").unwrap_or_default());
            }
        }
        let chunk = tokio::time::timeout_at(deadline, res.chunk()).await.ok()?;
        text.push_str(&String::from_utf8_lossy(&chunk.ok()??));
    }
}
