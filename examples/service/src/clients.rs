//! Builds and runs the example's two clients: the Go client
//! (`examples/service/go-client`, built with `go build`) and the TypeScript
//! client (`examples/service/node-client`, compiled by the repository's
//! pinned `tsc` and run by `node`). Shared by the integration test and the
//! benchmark.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One of the two clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    /// The Go client.
    Go,
    /// The TypeScript client on Node.js.
    Node,
}

impl Client {
    /// The client's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Client::Go => "go",
            Client::Node => "node",
        }
    }
}

/// The built clients, ready to run.
pub struct Clients {
    go: PathBuf,
    node: PathBuf,
}

/// The repository root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What is missing to build and run the clients (`go`, `node`, the pinned
/// `tsc` and `ws` from `npm ci`), or `None` when everything is there.
pub fn missing_tools() -> Option<String> {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let modules = repository().join("node_modules");
    if !runs("go", "version") {
        Some("go not found on PATH".to_owned())
    } else if !runs("node", "--version") {
        Some("node not found on PATH".to_owned())
    } else if !modules.join("typescript/bin/tsc").is_file()
        || !modules.join("ws/package.json").is_file()
    {
        Some("tsc or ws not installed (run `npm ci` at the repository root)".to_owned())
    } else {
        None
    }
}

impl Clients {
    /// Builds both clients into `out` (the Go binary, and the compiled
    /// JavaScript of the TypeScript client with the generated modules).
    pub fn build(out: &Path) -> Result<Clients, String> {
        std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        let out = out
            .canonicalize()
            .map_err(|e| format!("cannot resolve {}: {e}", out.display()))?;
        let root = repository();
        let go = out.join("go-client");
        let mut go_build = Command::new("go");
        go_build
            .current_dir(root.join("examples/service/go-client"))
            .args(["build", "-o"])
            .arg(&go);
        succeed(&mut go_build, "go build of the Go client")?;

        let js = out.join("node-client");
        let mut tsc = Command::new("node");
        tsc.arg(root.join("node_modules/typescript/bin/tsc"))
            .arg("-p")
            .arg(root.join("examples/service/node-client"))
            .arg("--outDir")
            .arg(&js)
            .args(["--pretty", "false"]);
        succeed(&mut tsc, "tsc --strict of the TypeScript client")?;
        // The output is ES modules; Node needs to be told so, and finds `ws`
        // through a `node_modules` beside it (ES modules ignore NODE_PATH).
        std::fs::write(js.join("package.json"), "{ \"type\": \"module\" }\n")
            .map_err(|e| format!("cannot write {}: {e}", js.display()))?;
        link_node_modules(&root.join("node_modules"), &js.join("node_modules"))?;
        let node = js.join("examples/service/node-client/src/client.js");
        if !node.is_file() {
            return Err(format!("tsc did not write {}", node.display()));
        }
        Ok(Clients { go, node })
    }

    /// Runs a client against the server on `port` with `args`; its standard
    /// output, or an error with both streams when it exits non-zero.
    pub fn run(&self, client: Client, port: u16, args: &[String]) -> Result<String, String> {
        let mut command = match client {
            Client::Go => Command::new(&self.go),
            Client::Node => {
                let mut node = Command::new("node");
                node.arg(&self.node);
                node
            }
        };
        command.args(["--port", &port.to_string()]).args(args);
        succeed(&mut command, &format!("the {} client", client.name()))
    }
}

/// Makes `link` point at the repository's `node_modules` (kept if it exists).
fn link_node_modules(modules: &Path, link: &Path) -> Result<(), String> {
    if link.exists() {
        return Ok(());
    }
    #[cfg(unix)]
    let made = std::os::unix::fs::symlink(modules, link);
    #[cfg(windows)]
    let made = std::os::windows::fs::symlink_dir(modules, link);
    made.map_err(|e| {
        format!(
            "cannot link {} to {}: {e}",
            link.display(),
            modules.display()
        )
    })
}

/// Runs `command`; its standard output when it exits 0.
fn succeed(command: &mut Command, what: &str) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("{what} did not start: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(format!(
            "{what} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
