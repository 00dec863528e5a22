//! `sigil explain <code>`: the troubleshooting page, in a terminal.
pub fn run(code: &str, lang: &str, json: bool) -> i32 {
    let messages = sigil_core::i18n::Messages::load();
    let locale = sigil_core::i18n::supported(lang).unwrap_or("en");
    let digits: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
    let Some(entry) = digits.parse().ok().and_then(sigil_core::catalog::lookup) else {
        eprintln!(
            "error: no error code '{code}'; `sigil explain --list` is not needed: see /error on the server for all codes"
        );
        return crate::EXIT_USAGE;
    };
    let help = sigil_http::pages::help_json(&messages, entry, locale);
    if json {
        outln!("{}", serde_json::to_string_pretty(&help).unwrap_or_default());
        return 0;
    }
    let t = |k: &str| messages.get(locale, k, &[]);
    outln!("SIGIL{} {}", entry.code, entry.name);
    outln!("{}\n", help["description"].as_str().unwrap_or(""));
    outln!("{}: {} (HTTP {})", t("ui-help-protocol-error"), entry.error, entry.status);
    outln!("{}\n", help["rfc_meaning"].as_str().unwrap_or(""));
    for (title, key) in [
        ("ui-help-meaning", "meaning"),
        ("ui-help-causes", "causes"),
        ("ui-help-fix-user", "fix_user"),
        ("ui-help-fix-dev", "fix_dev"),
    ] {
        outln!("{}\n  {}\n", t(title), help[key].as_str().unwrap_or(""));
    }
    0
}
