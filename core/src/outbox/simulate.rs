//! Replays message arrivals through an [`Outbox`] in simulated time: what
//! `imbridge outbox simulate` runs, and what the shared vectors in
//! `tests/vectors/outbox/` check in every language.

use crate::message::{decode_json, ConversationId, MessageError, Priority};
use crate::outbox::{Outbox, OutboxError, OutboxLimits, Outgoing, ShedMessage, ShedReason};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The simulation input.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Limits; every key optional.
    #[serde(default)]
    pub limits: ScenarioLimits,
    /// The simulation stops after this time (inclusive).
    pub until_ms: u64,
    /// The arrivals, in any order (replayed by time, then input order).
    pub messages: Vec<Arrival>,
}

/// Limits as the scenario file spells them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioLimits {
    /// Sends per group per window (default 40). `group_per_sec` is read too.
    #[serde(alias = "group_per_sec")]
    pub group_per_window: Option<u32>,
    /// Sends per C2C conversation per window (default 5). `c2c_per_sec` is read too.
    #[serde(alias = "c2c_per_sec")]
    pub c2c_per_window: Option<u32>,
    /// Wait before a Lowest message is shed (default 2,000).
    pub lowest_max_wait_ms: Option<u64>,
    /// Per-conversation queue bound (default 1,000).
    pub max_queued_per_conversation: Option<u32>,
    /// Bound on everything queued (default 100,000).
    pub max_queued_total: Option<u32>,
    /// Per-conversation send limits.
    #[serde(default)]
    pub per_conversation: HashMap<String, u32>,
}

/// One arrival.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrival {
    /// The app's id; unique within the scenario.
    pub id: String,
    /// When it arrives.
    pub at_ms: u64,
    /// `c2c_<userID>` or `group_<groupID>`.
    pub conversation: String,
    /// `High`, `Normal` (default), `Low` or `Lowest`.
    #[serde(default)]
    pub priority: Priority,
}

/// One output line: what became of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Outcome {
    /// Released at `sent_ms`.
    Sent {
        /// The message.
        id: String,
        /// When.
        sent_ms: u64,
    },
    /// Shed at `shed_ms`.
    Shed {
        /// The message.
        id: String,
        /// When.
        shed_ms: u64,
        /// `lowest_max_wait_exceeded: …` or `queue_full: …`.
        reason: String,
    },
    /// Refused at admission with this code (10023).
    Refused {
        /// The message.
        id: String,
        /// The service's code.
        refused: i32,
    },
    /// Still waiting at `until_ms`.
    Queued {
        /// The message.
        id: String,
        /// Always `true`.
        queued: bool,
    },
}

impl Scenario {
    /// Parses a scenario; malformed JSON, negative times, unknown
    /// priorities or keys are typed errors naming the field.
    pub fn parse(json: &str) -> Result<Scenario, MessageError> {
        decode_json(json)
    }

    fn outbox_limits(&self) -> OutboxLimits {
        let l = &self.limits;
        let d = OutboxLimits::default();
        OutboxLimits {
            group_per_window: l.group_per_window.unwrap_or(d.group_per_window),
            c2c_per_window: l.c2c_per_window.unwrap_or(d.c2c_per_window),
            lowest_max_wait_ms: l.lowest_max_wait_ms.unwrap_or(d.lowest_max_wait_ms),
            max_queued_per_conversation: l
                .max_queued_per_conversation
                .unwrap_or(d.max_queued_per_conversation),
            max_queued_total: l.max_queued_total.unwrap_or(d.max_queued_total),
            ..d
        }
    }

    /// The scenario's per-conversation send limits, set on `outbox`.
    fn set_own_limits(&self, outbox: &mut Outbox) -> Result<(), MessageError> {
        for (conversation, &n) in &self.limits.per_conversation {
            outbox
                .set_conversation_limit(ConversationId::parse(conversation)?, Some(n))
                .map_err(|e| {
                    MessageError::field(
                        format!("limits.per_conversation.{conversation}"),
                        e.to_string(),
                    )
                })?;
        }
        Ok(())
    }

    /// Replays the arrivals: at each moment, first the arrivals of that
    /// moment are admitted (in input order), then the outbox is polled. The
    /// result has exactly one outcome per message, in the order things
    /// happened (at one moment: refusals and queue-full sheds as admission
    /// causes them, then releases, then sheds of Lowest messages whose wait
    /// ended); messages still waiting at `until_ms` come last, in release
    /// order, followed by those that arrive after `until_ms` (reported as
    /// queued: they have not been sent).
    pub fn run(&self) -> Result<Vec<Outcome>, MessageError> {
        let mut outbox = Outbox::new(self.outbox_limits()).map_err(|e| match e {
            OutboxError::InvalidLimit { name, reason } => MessageError::InvalidField {
                field: name,
                reason,
            },
            other => MessageError::field("limits", other.to_string()),
        })?;
        self.set_own_limits(&mut outbox)?;
        let mut arrivals = Vec::with_capacity(self.messages.len());
        let mut ids = HashSet::new();
        for (i, a) in self.messages.iter().enumerate() {
            let conversation = ConversationId::parse(&a.conversation).map_err(|e| match e {
                MessageError::InvalidField { reason, .. } => {
                    MessageError::field(format!("messages[{i}].conversation"), reason)
                }
                other => other,
            })?;
            if !ids.insert(a.id.as_str()) {
                return Err(MessageError::field(
                    format!("messages[{i}].id"),
                    format!("{:?} is used twice", a.id),
                ));
            }
            arrivals.push((a.at_ms, i, conversation));
        }
        arrivals.sort_by_key(|&(at, i, _)| (at, i));

        let mut out = Vec::with_capacity(arrivals.len());
        let mut next = arrivals.into_iter().peekable();
        let mut last_poll = None;
        loop {
            let arrival = next.peek().map(|a| a.0);
            let now = match (arrival, outbox.next_poll_ms()) {
                (Some(a), Some(p)) => a.min(p),
                (Some(a), None) => a,
                (None, Some(p)) => p,
                (None, None) => break,
            };
            // Polling again at the same time with no new arrival changes
            // nothing (only possible at the very end of the clock's range).
            if now > self.until_ms || (last_poll == Some(now) && arrival != Some(now)) {
                break;
            }
            last_poll = Some(now);
            while let Some((_, i, conversation)) = next.next_if(|a| a.0 == now) {
                let Some(a) = self.messages.get(i) else {
                    continue;
                };
                let message = Outgoing {
                    id: a.id.clone(),
                    conversation,
                    priority: a.priority,
                };
                if let Err(e) = outbox.admit(now, message) {
                    out.push(Outcome::Refused {
                        id: a.id.clone(),
                        refused: e.code().code(),
                    });
                }
                out.extend(outbox.take_shed().into_iter().map(shed_outcome));
            }
            let poll = outbox.poll(now);
            let (waited, displaced): (Vec<ShedMessage>, Vec<ShedMessage>) = poll
                .shed
                .into_iter()
                .partition(|s| matches!(s.reason, ShedReason::WaitExceeded { .. }));
            out.extend(displaced.into_iter().map(shed_outcome));
            out.extend(poll.released.into_iter().map(|r| Outcome::Sent {
                id: r.id,
                sent_ms: r.released_ms,
            }));
            out.extend(waited.into_iter().map(shed_outcome));
        }
        out.extend(outbox.queued().into_iter().map(|q| Outcome::Queued {
            id: q.id,
            queued: true,
        }));
        // Messages that arrive after `until_ms` have not been sent either.
        out.extend(
            next.filter_map(|(_, i, _)| self.messages.get(i))
                .map(|a| Outcome::Queued {
                    id: a.id.clone(),
                    queued: true,
                }),
        );
        Ok(out)
    }
}

fn shed_outcome(s: ShedMessage) -> Outcome {
    Outcome::Shed {
        id: s.id,
        shed_ms: s.shed_ms,
        reason: s.reason.to_string(),
    }
}
