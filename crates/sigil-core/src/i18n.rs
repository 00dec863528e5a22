//! Localized messages (Project Fluent).
