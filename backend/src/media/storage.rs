//! Where encoded photos are kept: a key → bytes store.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::io::AsyncWriteExt;

/// A store of files by key (see [`valid_key`]).
#[async_trait::async_trait]
pub trait MediaStorage: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key`, replacing what was there. Readers see
    /// the old or the new file, never a partial one.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()>;
    /// The bytes under `key`, `None` if there are none.
    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>>;
    /// Removes `key`; a missing key is not an error.
    async fn delete(&self, key: &str) -> io::Result<()>;
}

/// The storage the application uses.
pub type Media = Arc<dyn MediaStorage>;

/// The longest key.
const MAX_KEY_LEN: usize = 200;

/// Whether `key` may name a stored file: 1 to 200 characters of
/// `[a-z0-9._/-]`, made of `/`-separated segments that are not empty and
/// do not start with `.` (so no leading or trailing `/`, no `//`, no
/// hidden files), and without `..` anywhere.
pub fn valid_key(key: &str) -> bool {
    (1..=MAX_KEY_LEN).contains(&key.len())
        && key.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'/' | b'-')
        })
        && !key.contains("..")
        && key
            .split('/')
            .all(|segment| !segment.is_empty() && !segment.starts_with('.'))
}

/// Files under a root folder: key `a/b.webp` is the file `<root>/a/b.webp`.
/// Folders are created as needed.
#[derive(Debug, Clone)]
pub struct DiskStorage {
    root: PathBuf,
}

impl DiskStorage {
    /// A storage under `root`, which is created on the first `put` if it
    /// does not exist.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        if valid_key(key) {
            Ok(self.root.join(key))
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("invalid media key {key:?}"),
            ))
        }
    }
}

/// Makes the names of temporary files unique within the process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

#[async_trait::async_trait]
impl MediaStorage for DiskStorage {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> io::Result<()> {
        let path = self.path(key)?;
        let folder = path.parent().expect("a key has a file name");
        let name = path.file_name().expect("a key has a file name");
        tokio::fs::create_dir_all(folder).await?;
        // A hidden name, which no valid key can have, in the same folder so
        // that the rename is atomic.
        let temp = folder.join(format!(
            ".{}.{}-{}.tmp",
            name.to_string_lossy(),
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed),
        ));
        let written = async {
            let mut file = tokio::fs::File::create(&temp).await?;
            file.write_all(&bytes).await?;
            file.flush().await?;
            file.sync_all().await?;
            drop(file);
            tokio::fs::rename(&temp, &path).await
        }
        .await;
        if written.is_err() {
            let _ = tokio::fs::remove_file(&temp).await;
        }
        written
    }

    async fn get(&self, key: &str) -> io::Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    async fn delete(&self, key: &str) -> io::Result<()> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error),
        }
    }
}
