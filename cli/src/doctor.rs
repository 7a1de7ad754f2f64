//! `imbridge doctor`: run the FAQ's checklists over a state snapshot.

use crate::input::read_input;
use crate::usage_error;
use imbridge_core::doctor::{diagnose, Finding, Severity, Snapshot, RULES};
use std::process::ExitCode;

/// `doctor FILE|-` prints the findings for people, errors first, each with
/// its fix; `--json` prints one JSON object per finding; `--list-rules`
/// lists every rule with the checklist item it covers. Exit 0 when no
/// finding is an error, 1 otherwise or for a snapshot that does not parse.
pub fn run(args: &[&str]) -> ExitCode {
    let (path, json) = match args {
        ["--list-rules"] => {
            for rule in RULES {
                println!("{:<34} {}", rule.id, rule.covers);
            }
            return ExitCode::SUCCESS;
        }
        [path, "--json"] | ["--json", path] => (*path, true),
        [path] => (*path, false),
        _ => return usage_error("doctor takes FILE (or -) and optionally --json, or --list-rules"),
    };
    let text = match read_input(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error[io]: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut findings = match Snapshot::parse(&text) {
        Ok(snapshot) => diagnose(&snapshot),
        Err(e) => {
            eprintln!("error[{}]: {e} (in {path})", e.code_or_name());
            return ExitCode::FAILURE;
        }
    };
    // Most severe first; rule order within a severity.
    findings.sort_by_key(|f| f.severity);
    if json {
        for f in &findings {
            println!("{}", serde_json::to_string(f).unwrap_or_default());
        }
    } else {
        print_for_people(&findings);
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_for_people(findings: &[Finding]) {
    if findings.is_empty() {
        println!("no findings: every checked rule passed");
        return;
    }
    for (severity, title) in [
        (Severity::Error, "errors"),
        (Severity::Warning, "warnings"),
        (Severity::Info, "notes"),
    ] {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        println!("{title} ({}):", group.len());
        for f in group {
            println!("  {}: {}", f.id, f.evidence);
            println!("      fix: {}", f.fix);
        }
    }
}
