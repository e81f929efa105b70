// Rebuild when a migration is added: `sqlx::migrate!` embeds the files, but
// cargo does not watch the folders by itself.
fn main() {
    println!("cargo:rerun-if-changed=../migrations/sqlite");
    println!("cargo:rerun-if-changed=../migrations/postgres");
}
