//! Discovery metadata, computed from what is registered (OIDC Discovery 1.0 §3, RFC 8414 §2).
