//! Generates `$OUT_DIR/bagbot.rs` from the repository's bagbot contract.
//! A contract error fails the build with the diagnostics `eventc check`
//! prints (`Debug` of `eventc::build::Error` is that text).

fn main() -> Result<(), eventc::build::Error> {
    println!("cargo:rerun-if-changed=build.rs");
    eventc::build::Builder::new()
        .contract("../../contracts/bagbot.yaml")
        // Heartbeats are kept in a set, so they need Eq and Hash.
        .type_attribute("WorkerHeartbeat", "#[derive(Eq, Hash)]")
        .visibility("pub(crate)")
        .generate()?;
    Ok(())
}
