//! Property-based fuzzing (issue 23) of the provisioning file (`sigil import`, TOML → the core's
//! plan): any text never panics the reader; files shaped like real ones, with any values, are
//! planned against a real SQLite store without panicking; reading is linear. Cases and long runs:
//! `sigil_core::fuzzing`.
use proptest::prelude::*;
use sigil_core::crypto::MasterKey;
use sigil_core::fuzzing::*;
use sigil_core::rng::SystemRng;

use sigil_core::provisioning::plan::plan;

use crate::import::{ImportFile, desired};

/// A file with one of each object, each value from the test.
fn file(v: &[String; 8]) -> String {
    let q = |s: &String| toml_edit::Value::from(s.as_str()).to_string();
    format!(
        "[[tenant]]\nname = {}\ndefault_locale = {}\n[[tenant.api]]\nname = \"reports\"\nidentifier = {}\nroles = [{}]\n\
         [[tenant.client]]\nclient_id = {}\ngrant_types = [{}]\nredirect_uris = [{}]\n[[tenant.client.permission]]\n\
         api = {}\nroles = [{}]\n[[tenant.user]]\nusername = {}\n",
        q(&v[0]),
        q(&v[1]),
        q(&v[2]),
        q(&v[3]),
        q(&v[4]),
        q(&v[5]),
        q(&v[6]),
        q(&v[2]),
        q(&v[3]),
        q(&v[7])
    )
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        Just("client_credentials".to_string()),
        Just("api://reports".to_string()),
        Just("https://app.example/cb".to_string()),
        Just("en".to_string()),
        "[a-z]{1,8}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_read_or_refused(src in text()) {
        if let Ok(spec) = toml::from_str::<ImportFile>(&src) {
            let _ = desired(&spec);
        }
    }
}

/// One store for all cases (a new database per case would be mostly migrations). A plan reads the
/// store (about 0.1 s a case in a debug build), so this target runs an eighth of the cases.
#[test]
fn files_with_any_values_are_planned_or_refused() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let store = rt.block_on(sigil_store::open(&sigil_testkit::db::sqlite_url("import-fuzz"), 1)).unwrap();
    let master = MasterKey::from_bytes(&[7; 32]).unwrap();
    let base = config();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: (base.cases / 8).max(8), ..base });
    runner
        .run(&proptest::array::uniform8(value()), |values| {
            let spec: ImportFile = toml::from_str(&file(&values)).unwrap();
            let planned = rt.block_on(plan(store.as_ref(), &master, &SystemRng, &desired(&spec), false, 1_800_000_000));
            prop_assert!(planned.is_ok(), "{planned:?}");
            Ok(())
        })
        .unwrap();
}

#[test]
fn reading_a_file_is_linear() {
    assert_linear(
        "tenants",
        |n| repeat("[[tenant]]\nname = \"t\"\n", n),
        |s| {
            if let Ok(spec) = toml::from_str::<ImportFile>(s) {
                let _ = desired(&spec);
            }
        },
    );
    assert_linear(
        "long string",
        |n| format!("[[tenant]]\nname = \"{}\"\n", repeat("a", n)),
        |s| {
            let _ = toml::from_str::<ImportFile>(s);
        },
    );
    assert_linear(
        "nested arrays",
        |n| format!("x = {}", repeat("[", n)),
        |s| {
            let _ = toml::from_str::<ImportFile>(s);
        },
    );
}
