//! Reading contracts as they were at a git revision, from the object
//! database: `git rev-parse` names the commit, `git ls-tree` lists the
//! files under the paths asked for, and one `git cat-file --batch` process
//! reads every blob. Nothing is checked out or cloned, and the working tree
//! is not touched.

use std::io::{BufRead, BufReader, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// A contract file as it was at the base revision.
#[derive(Debug)]
pub struct Blob {
    /// Its path as `git ls-tree` prints it: relative to the current directory.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Runs `git ARGS` in the current directory and returns its standard output,
/// or a message built from what git printed on failure.
fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("--literal-pathspecs")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e} (`--base` reads contracts from git)"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim_end()
        ))
    }
}

/// The commit `rev` names. A name git does not know gets a message saying
/// how to fetch it, and, in a shallow clone, that the history is cut short.
pub fn resolve_commit(rev: &str) -> Result<String, String> {
    let spec = format!("{rev}^{{commit}}");
    match git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ]) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
        Err(_) => Err(unknown_revision(rev)),
    }
}

/// Why `rev` could not be resolved, and what to run about it.
fn unknown_revision(rev: &str) -> String {
    // Not being in a repository at all is the first thing to rule out.
    let shallow = match git(&["rev-parse", "--is-shallow-repository"]) {
        Ok(out) => String::from_utf8_lossy(&out).trim() == "true",
        Err(message) => return message,
    };
    let fetch = format!("git fetch origin {}", remote_branch(rev));
    if shallow {
        format!(
            "unknown git revision `{rev}`: this is a shallow clone, which holds only the \
             latest commits (CI checkouts fetch one by default)\n  \
             hint: fetch the history with `git fetch --unshallow`, or just the base with \
             `{fetch}`; in GitHub Actions, check out with `fetch-depth: 0`"
        )
    } else {
        format!(
            "unknown git revision `{rev}`: no commit, branch or tag of this repository \
             has that name\n  hint: if it lives on a remote, fetch it first: `{fetch}`"
        )
    }
}

/// The branch to fetch for a revision named after a remote-tracking branch
/// (`origin/main` → `main`); other revisions are fetched as they are named.
fn remote_branch(rev: &str) -> &str {
    rev.strip_prefix("refs/remotes/origin/")
        .or_else(|| rev.strip_prefix("origin/"))
        .unwrap_or(rev)
}

/// Every contract file (`*.yaml`, `*.yml`) at `commit` that `paths` name:
/// a file path names itself, a directory path the contract files directly
/// in it (as [`eventc::load::contract_files`] reads the working tree).
pub fn contract_files(commit: &str, paths: &[PathBuf]) -> Result<Vec<Blob>, String> {
    let mut args = vec!["ls-tree", "-r", "-z", commit, "--"];
    let specs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(specs.iter().map(String::as_str));
    let listing = git(&args)?;
    let mut wanted: Vec<(String, String)> = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (kind, object) = (meta.nth(1), meta.next());
        if let (Some("blob"), Some(object)) = (kind, object) {
            if is_contract_path(path) && named_by(path, paths) {
                wanted.push((path.to_owned(), object.to_owned()));
            }
        }
    }
    wanted.sort();
    let objects: Vec<&str> = wanted.iter().map(|(_, o)| o.as_str()).collect();
    let contents = cat_blobs(&objects)?;
    Ok(wanted
        .into_iter()
        .zip(contents)
        .map(|((path, _), bytes)| Blob { path, bytes })
        .collect())
}

fn is_contract_path(path: &str) -> bool {
    matches!(
        Path::new(path).extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Whether `path` is one of `paths` or directly inside one of them.
fn named_by(path: &str, paths: &[PathBuf]) -> bool {
    let path = normal(Path::new(path));
    let parent = &path[..path.len().saturating_sub(1)];
    paths
        .iter()
        .map(|p| normal(p))
        .any(|p| p == path || p == parent)
}

/// The components of a path without `.` (so `./contracts/` equals `contracts`).
fn normal(path: &Path) -> Vec<Component<'_>> {
    path.components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

/// The contents of `objects`, in order, read by one `git cat-file --batch`.
fn cat_blobs(objects: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let request: String = objects.iter().map(|o| format!("{o}\n")).collect();
    let mut stdin = child.stdin.take().ok_or("git cat-file has no input")?;
    // Written from another thread: git answers while it reads, and both
    // pipes must keep flowing for neither process to block.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut stdout = BufReader::new(child.stdout.take().ok_or("git cat-file has no output")?);
    let contents: Result<Vec<Vec<u8>>, String> =
        objects.iter().map(|o| read_blob(&mut stdout, o)).collect();
    drop(stdout);
    let written = writer
        .join()
        .map_err(|_| "writing to git cat-file failed")?;
    let status = child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    let contents = contents?;
    written.map_err(|e| format!("cannot write to git cat-file: {e}"))?;
    if !status.success() {
        return Err(format!("git cat-file --batch failed ({status})"));
    }
    Ok(contents)
}

/// Reads one `<object> blob <size>\n<bytes>\n` answer of `git cat-file --batch`.
fn read_blob(out: &mut impl BufRead, object: &str) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("git cat-file --batch: {what} for object {object}");
    let mut header = String::new();
    out.read_line(&mut header)
        .map_err(|e| broken(&e.to_string()))?;
    let mut fields = header.split_whitespace();
    let size = match (fields.next(), fields.next(), fields.next()) {
        (Some(_), Some("blob"), Some(size)) => size
            .parse::<usize>()
            .map_err(|_| broken("unreadable size"))?,
        _ => {
            return Err(broken(&format!(
                "unexpected answer `{}`",
                header.trim_end()
            )))
        }
    };
    let mut bytes = vec![0; size + 1];
    out.read_exact(&mut bytes)
        .map_err(|e| broken(&e.to_string()))?;
    bytes.pop();
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_themselves_and_their_direct_children() {
        let paths = [PathBuf::from("./contracts/"), PathBuf::from("x/one.yaml")];
        assert!(named_by("contracts/a.yaml", &paths));
        assert!(!named_by("contracts/sub/a.yaml", &paths));
        assert!(named_by("x/one.yaml", &paths));
        assert!(!named_by("x/two.yaml", &paths));
    }

    #[test]
    fn remote_tracking_names_fetch_their_branch() {
        assert_eq!(remote_branch("origin/main"), "main");
        assert_eq!(remote_branch("refs/remotes/origin/dev"), "dev");
        assert_eq!(remote_branch("v1.2"), "v1.2");
    }

    #[test]
    fn batch_answers_are_read_by_size() {
        let mut answer: &[u8] = b"abc blob 5\nx\ny\nz\ndef blob 0\n\n";
        assert_eq!(
            read_blob(&mut answer, "abc").ok(),
            Some(b"x\ny\nz".to_vec())
        );
        assert_eq!(read_blob(&mut answer, "def").ok(), Some(Vec::new()));
        let mut missing: &[u8] = b"abc missing\n";
        assert!(read_blob(&mut missing, "abc").is_err());
    }
}
