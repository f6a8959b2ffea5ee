//! Every folder under tests/fixtures/invalid/ is a broken site. Building it must fail with
//! each line of its `expected.txt` in the error output, and leave the previous `public/`
//! exactly as it was.

mod common;

use common::*;

#[test]
fn broken_sites_fail_clearly_and_keep_the_previous_output() {
    let fixtures = repo_root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let site = TestSite::new();
        copy_tree(&case, site.root());
        std::fs::remove_file(site.root().join("expected.txt")).unwrap();
        // A previous good build.
        site.write("public/index.html", "previous build")
            .write("public/old/page.html", "old");
        let before = list_files(&site.root().join("public"));

        let run = site.build(&[]);
        let stderr = run.stderr();
        if run.ok() {
            failures.push(format!("{name}: build succeeded\n{}", run.stdout()));
            continue;
        }
        for line in expected.lines().filter(|l| !l.is_empty()) {
            if !stderr.contains(line) {
                failures.push(format!("{name}: missing `{line}` in:\n{stderr}"));
            }
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: panic\n{stderr}"));
        }
        let after = list_files(&site.root().join("public"));
        if before != after {
            failures.push(format!("{name}: public/ changed"));
        }
        let leftovers: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".hoego"))
            .collect();
        if !leftovers.is_empty() {
            failures.push(format!(
                "{name}: staging folders left behind: {leftovers:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
