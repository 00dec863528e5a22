//! `sigil dev-cert`: a self-signed certificate for localhost/127.0.0.1, so HTTPS is one flag away
//! (MSAL refuses plain-HTTP authorities).
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

use crate::bootstrap::AnyError;

pub fn write(out_dir: &str) -> Result<(), AnyError> {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    let cert = rcgen::generate_simple_self_signed(names)?;
    // Owner only, like the data folder it defaults to (it holds the private key).
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(out_dir)?;
    let cert_path = format!("{out_dir}/cert.pem");
    let key_path = format!("{out_dir}/key.pem");
    std::fs::write(&cert_path, cert.cert.pem())?;
    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&key_path)?;
    std::io::Write::write_all(&mut f, cert.signing_key.serialize_pem().as_bytes())?;
    outln!("wrote {cert_path} and {key_path}");
    outln!("run: sigil serve --tls-cert {cert_path} --tls-key {key_path} --listen 127.0.0.1:8443");
    Ok(())
}
