//! A throwaway PostgreSQL cluster for a test: initdb in a temporary directory, the
//! server listening on a Unix socket in it only (no TCP), stopped when dropped. As root
//! (initdb refuses root) it runs as the `postgres` user. A machine without PostgreSQL
//! fails the test saying how to install it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
    _dir: tempfile::TempDir,
    /// `postgres://postgres@localhost/postgres?host=<socket dir>`.
    pub url: String,
}

/// The directory of `initdb`: /usr/lib/postgresql/<version>/bin, the newest.
fn binaries() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): this test needs it; install it with `apt-get install -y postgresql` (.ci/run does)"
        )
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

impl Postgres {
    /// Creates and starts a cluster.
    pub fn start() -> Self {
        let bin = binaries();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let as_postgres = is_root();
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(
                status.success(),
                "chown of the cluster's directory to postgres"
            );
        }
        let data = dir.path().join("data");
        let cluster = Self {
            url: format!(
                "postgres://postgres@localhost/postgres?host={}",
                dir.path().display()
            ),
            bin,
            data,
            as_postgres,
            _dir: dir,
        };
        cluster.run(
            "initdb",
            &[
                "-D",
                path(&cluster.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
        );
        let socket_dir = cluster.data.parent().unwrap().to_path_buf();
        let options = format!(
            "-k {} -c listen_addresses='' -c fsync=off",
            socket_dir.display()
        );
        let log = socket_dir.join("server.log");
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                path(&cluster.data),
                "-o",
                &options,
                "-l",
                path(&log),
                "-w",
                "start",
            ],
        );
        cluster
    }

    /// A command running `program`, as the `postgres` user when we are root (PostgreSQL
    /// refuses to run as root).
    fn command(&self, program: &Path) -> Command {
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    /// Runs one of PostgreSQL's programs (as `postgres` when root); panics on failure.
    fn run(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let output = self
            .command(&program)
            .args(args)
            .output()
            .unwrap_or_else(|error| panic!("{} cannot run: {error}", program.display()));
        assert!(
            output.status.success(),
            "{} {args:?} failed: {}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let program = self.bin.join("pg_ctl");
        let args = ["-D", path(&self.data), "-m", "immediate", "stop"];
        let _ = self.command(&program).args(args).output();
    }
}

fn path(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}
