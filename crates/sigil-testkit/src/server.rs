//! A real `sigil serve` process on a free loopback port, with its own data directory and database.
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct ServerOptions {
    pub backend: Backend,
    /// Extra `SIGIL_*` variables.
    pub env: Vec<(String, String)>,
    /// Provisioning files imported before start (default: the README example plus test fixtures).
    pub imports: Vec<PathBuf>,
    /// Serve HTTPS with a `sigil dev-cert` certificate.
    pub tls: bool,
    /// The host of the public URL (still listening on 127.0.0.1): `localhost` for passkeys, since
    /// a WebAuthn relying-party id is a domain, never an IP address.
    pub public_host: &'static str,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            backend: Backend::Sqlite,
            env: vec![],
            imports: vec![crate::workspace_root().join("examples/contoso.toml"), crate::fixture("extra.toml")],
            tls: false,
            public_host: "127.0.0.1",
        }
    }
}

pub struct Server {
    pub base: String,
    pub port: u16,
    pub dir: PathBuf,
    pub bin: PathBuf,
    pub env: Vec<(String, String)>,
    pub admin_token: String,
    pub cert: Option<PathBuf>,
    child: Option<Child>,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

impl Server {
    pub async fn start(bin: &str, opts: ServerOptions) -> Server {
        let dir = crate::db::temp_dir("server");
        let port = free_port();
        let db = match opts.backend {
            Backend::Sqlite => format!("sqlite://{}/sigil-data/sigil.db", dir.display()),
            Backend::Postgres => crate::db::postgres_url("server").await,
        };
        let admin_token = format!("admin-{}", uuid::Uuid::new_v4().simple());
        let scheme = if opts.tls { "https" } else { "http" };
        let base = format!("{scheme}://{}:{port}", opts.public_host);
        let mut env = vec![
            ("SIGIL_DATABASE_URL".to_string(), db),
            ("SIGIL_SECURITY_MASTER_KEY_FILE".into(), dir.join("master.key").display().to_string()),
            ("SIGIL_SERVER_LISTEN".into(), format!("127.0.0.1:{port}")),
            ("SIGIL_SERVER_PUBLIC_URL".into(), base.clone()),
            ("SIGIL_SERVER_ADMIN_TOKEN".into(), admin_token.clone()),
            ("SIGIL_SERVER_LOG_FORMAT".into(), "json".into()),
            ("SIGIL_SERVER_SHUTDOWN_GRACE".into(), "10".into()),
        ];
        let mut cert = None;
        let mut s = Server {
            base,
            port,
            dir: dir.clone(),
            bin: PathBuf::from(bin),
            env: vec![],
            admin_token,
            cert: None,
            child: None,
        };
        if opts.tls {
            let out = s.cli(&["dev-cert", "--out-dir", &dir.join("tls").display().to_string()]);
            assert!(out.status.success(), "dev-cert: {}", String::from_utf8_lossy(&out.stderr));
            env.push(("SIGIL_SERVER_TLS_CERT".into(), dir.join("tls/cert.pem").display().to_string()));
            env.push(("SIGIL_SERVER_TLS_KEY".into(), dir.join("tls/key.pem").display().to_string()));
            cert = Some(dir.join("tls/cert.pem"));
        }
        env.extend(opts.env);
        s.env = env;
        s.cert = cert;
        for f in &opts.imports {
            let out = s.cli(&["import", &f.display().to_string()]);
            assert!(out.status.success(), "import {}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
        }
        s.spawn().await;
        s
    }

    /// Another `sigil serve` process on this server's database and master key, on its own port but
    /// behind the same public URL (as instances behind one load balancer are): `base` is where
    /// this instance is reached, the issuer stays the first one's.
    pub async fn replica(&self) -> Server {
        self.replica_with(&[]).await
    }

    /// [`Server::replica`] with `SIGIL_*` variables added or replaced (e.g. lower rate limits).
    pub async fn replica_with(&self, extra: &[(&str, &str)]) -> Server {
        let dir = crate::db::temp_dir("replica");
        let port = free_port();
        let env = self
            .env
            .iter()
            .map(|(k, v)| match k.as_str() {
                "SIGIL_SERVER_LISTEN" => (k.clone(), format!("127.0.0.1:{port}")),
                _ => (k.clone(), v.clone()),
            })
            .filter(|(k, _): &(String, String)| !extra.iter().any(|(e, _)| e == k))
            .chain(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        let scheme = if self.cert.is_some() { "https" } else { "http" };
        let mut s = Server {
            base: format!("{scheme}://127.0.0.1:{port}"),
            port,
            dir,
            bin: self.bin.clone(),
            env,
            admin_token: self.admin_token.clone(),
            cert: self.cert.clone(),
            child: None,
        };
        s.spawn().await;
        s
    }

    /// Starts (or restarts) the server process and waits for `/readyz`.
    pub async fn spawn(&mut self) {
        let log = std::fs::File::create(self.dir.join("server.log")).expect("log file");
        let child = self
            .command()
            .arg("serve")
            .current_dir(&self.dir)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn sigil serve");
        self.child = Some(child);
        let client = self.http();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(self.url("/readyz")).send().await
                && r.status().is_success()
            {
                return;
            }
            if let Some(c) = self.child.as_mut()
                && let Ok(Some(status)) = c.try_wait()
            {
                panic!("sigil serve exited with {status}: {}", self.log());
            }
            assert!(Instant::now() < deadline, "sigil serve not ready after 30 s: {}", self.log());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// An HTTP client that trusts the dev certificate and never follows redirects.
    pub fn http(&self) -> reqwest::Client {
        let mut b =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(Duration::from_secs(30));
        if let Some(c) = &self.cert {
            let pem = std::fs::read(c).expect("cert");
            b = b.add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("pem"));
        }
        b.build().expect("client")
    }

    /// Runs a `sigil` subcommand against this server's store and configuration.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command().args(args).current_dir(&self.dir).output().expect("run sigil")
    }

    /// A `sigil` command with exactly this server's configuration: the test's own `SIGIL_TEST_*`
    /// variables are not configuration keys, and Sigil refuses unknown `SIGIL_*` variables.
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.bin);
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("SIGIL_") {
                c.env_remove(k);
            }
        }
        c.envs(self.env.iter().cloned());
        c
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGKILL (no shutdown, no flush: a crash) and reap the process.
    pub fn kill_hard(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait; returns the exit code.
    pub async fn stop(&mut self) -> Option<i32> {
        let mut child = self.child.take()?;
        let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(s)) = child.try_wait() {
                return s.code();
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
