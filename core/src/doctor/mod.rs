//! Diagnostics — "why didn't my message / push arrive?" (SPEC G).
//!
//! [`Snapshot`] holds the facts (exportable as JSON from a running instance,
//! readable by `imbridge doctor`); [`diagnose`] runs the FAQ's two
//! checklists and the policy rules over it ([`RULES`]), each finding with a
//! stable id, a severity, the evidence and the fix.

mod export;
mod rules;
mod snapshot;

pub use export::{export_snapshot, AppFacts, Live};
pub use rules::{
    diagnose, doctor_rules, DoctorRule, Facts, Finding, Rule, Section, Severity, RULES,
};
pub use snapshot::{
    ChannelFacts, ListenerFacts, MessageFacts, PolicyFacts, ProcessFacts, PushFacts,
    RecipientFacts, Snapshot, SNAPSHOT_VERSION,
};

impl Snapshot {
    /// Parses a snapshot; malformed JSON, unknown keys or an unknown
    /// version are typed errors naming the field.
    pub fn parse(json: &str) -> Result<Snapshot, crate::message::MessageError> {
        let snapshot: Snapshot = crate::message::decode_json(json)?;
        if snapshot.version != SNAPSHOT_VERSION {
            return Err(crate::message::MessageError::InvalidField {
                field: "version".into(),
                reason: format!(
                    "{} is not a snapshot version this library reads ({SNAPSHOT_VERSION})",
                    snapshot.version
                ),
            });
        }
        Ok(snapshot)
    }
}
