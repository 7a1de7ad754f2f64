//! `imbridge doctor`: run the FAQ's checklists over a state snapshot.

use crate::input::run_file_command;
use crate::usage_error;
use imbridge_core::doctor::{diagnose, Severity, Snapshot, RULES};
use std::process::ExitCode;

/// `doctor FILE|-` prints the findings; `--json` one JSON object per
/// finding; `--list-rules` every rule with the checklist item it covers.
pub fn run(args: &[&str]) -> ExitCode {
    match args {
        ["--list-rules"] => {
            for rule in RULES {
                println!("{:<34} {}", rule.id, rule.covers);
            }
            ExitCode::SUCCESS
        }
        [path, "--json"] | ["--json", path] => run_file_command(&[path], "doctor", |text| {
            let findings = diagnose(&Snapshot::parse(text)?);
            Ok(findings
                .iter()
                .map(|f| serde_json::to_string(f).unwrap_or_default())
                .collect())
        }),
        [path] => run_file_command(&[path], "doctor", |text| {
            let findings = diagnose(&Snapshot::parse(text)?);
            if findings.is_empty() {
                return Ok(vec!["no findings: every checked rule passed".to_string()]);
            }
            let mut lines = Vec::new();
            for f in &findings {
                let level = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                lines.push(format!("{level} {}: {}", f.id, f.evidence));
                lines.push(format!("    fix: {}", f.fix));
            }
            Ok(lines)
        }),
        _ => usage_error("doctor takes FILE (or -) and optionally --json, or --list-rules"),
    }
}
