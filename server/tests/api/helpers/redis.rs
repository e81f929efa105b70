//! Just enough RESP to ask Redis whether a key exists (the session tests
//! check where sessions are stored), without a Redis client dependency.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// `EXISTS key` on the Redis at `url` (`redis://host:port`).
pub async fn exists(url: &str, key: &str) -> bool {
    let address = url
        .trim_start_matches("redis://")
        .trim_end_matches('/')
        .rsplit('@')
        .next()
        .unwrap()
        .to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .unwrap_or_else(|e| panic!("cannot reach Redis at {address}: {e}"));
    let command = format!("*2\r\n$6\r\nEXISTS\r\n${}\r\n{key}\r\n", key.len());
    stream.write_all(command.as_bytes()).await.unwrap();
    let mut reply = Vec::new();
    let mut buf = [0u8; 64];
    while !reply.ends_with(b"\r\n") {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "Redis closed the connection");
        reply.extend_from_slice(&buf[..n]);
    }
    match reply.as_slice() {
        b":1\r\n" => true,
        b":0\r\n" => false,
        other => panic!(
            "unexpected Redis reply {:?}",
            String::from_utf8_lossy(other)
        ),
    }
}
