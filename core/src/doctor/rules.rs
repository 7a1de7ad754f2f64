//! The FAQ's checklists as rules (SPEC G; FAQ Q2 message not received, Q3
//! offline push not received; X1, X2, M9).

use crate::doctor::Snapshot;
use crate::message::{
    check_mentions, Element, GroupType, MessageLimits, PushFlag, ReceiveOption, SendBody,
};
use crate::policy::{blocklisted_send, retention_days, BlocklistOutcome};
use crate::push::{PushState, PushVendor};
use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// This explains the failure.
    Error,
    /// This can explain it, or will cause trouble.
    Warning,
    /// Not a problem found: e.g. which checks could not run for lack of facts.
    Info,
}

/// One finding: a stable id, how bad, what in the snapshot shows it, and
/// the fix in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    /// Stable id, e.g. `q2.no_listener`.
    pub id: String,
    /// How bad.
    pub severity: Severity,
    /// What in the snapshot shows it.
    pub evidence: String,
    /// The fix, in one sentence.
    pub fix: String,
}

/// A rule as listed for users: its id and the checklist item it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DoctorRule {
    /// Stable id (`q2.not_sent`, …).
    pub id: String,
    /// The checklist item (FAQ Q2/Q3, SPEC X1/X2/M9) it covers.
    pub covers: String,
}

/// Every rule, in the order `diagnose` runs them.
pub fn doctor_rules() -> Vec<DoctorRule> {
    RULES
        .iter()
        .map(|r| DoctorRule {
            id: r.id.to_string(),
            covers: r.covers.to_string(),
        })
        .collect()
}

/// A rule: its id, the checklist item it covers, the snapshot sections it
/// reads, and its check.
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// The checklist item (FAQ Q2/Q3, SPEC X1/X2/M9) it covers.
    pub covers: &'static str,
    /// Snapshot sections the check reads: without them it cannot run.
    pub needs: &'static [Section],
    severity: Severity,
    fix: &'static str,
    check: fn(&Facts<'_>) -> Option<String>,
}

/// A section of a [`Snapshot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `process`
    Process,
    /// `message`
    Message,
    /// `recipient`
    Recipient,
    /// `listeners`
    Listeners,
    /// `push`
    Push,
    /// `policy`
    Policy,
}

impl Section {
    /// Its key in the snapshot JSON.
    pub fn name(self) -> &'static str {
        match self {
            Section::Process => "process",
            Section::Message => "message",
            Section::Recipient => "recipient",
            Section::Listeners => "listeners",
            Section::Push => "push",
            Section::Policy => "policy",
        }
    }

    /// Whether `snapshot` has it.
    pub fn present_in(self, snapshot: &Snapshot) -> bool {
        match self {
            Section::Process => snapshot.process.is_some(),
            Section::Message => snapshot.message.is_some(),
            Section::Recipient => snapshot.recipient.is_some(),
            Section::Listeners => snapshot.listeners.is_some(),
            Section::Push => snapshot.push.is_some(),
            Section::Policy => snapshot.policy.is_some(),
        }
    }
}

/// "absent" or the value, for evidence in plain words.
fn or_absent(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "absent".to_string(), |v| v.to_string())
}

/// The snapshot with the message body decoded once.
pub struct Facts<'a> {
    s: &'a Snapshot,
    body: Option<SendBody>,
}

impl Facts<'_> {
    fn group(&self) -> Option<&crate::message::GroupMessage> {
        match &self.body {
            Some(SendBody::Group(g)) => Some(g),
            _ => None,
        }
    }
    fn c2c(&self) -> Option<&crate::message::C2cMessage> {
        match &self.body {
            Some(SendBody::C2c(c)) => Some(c),
            _ => None,
        }
    }
    fn elements(&self) -> Option<&[Element]> {
        match &self.body {
            Some(SendBody::C2c(c)) => Some(&c.msg_body),
            Some(SendBody::Group(g)) => Some(&g.msg_body),
            None => None,
        }
    }
    fn push_info(&self) -> Option<&crate::message::OfflinePushInfo> {
        match &self.body {
            Some(SendBody::C2c(c)) => c.offline_push_info.as_ref(),
            Some(SendBody::Group(g)) => g.offline_push_info.as_ref(),
            None => None,
        }
    }
    fn recipient(&self) -> Option<&crate::doctor::RecipientFacts> {
        self.s.recipient.as_ref()
    }
    fn channels(&self) -> &[crate::doctor::ChannelFacts] {
        self.s.push.as_ref().map_or(&[], |p| &p.channels)
    }
    fn logged_in(&self) -> bool {
        self.recipient()
            .is_some_and(|r| r.logged_in_user.is_some() && !r.kicked)
    }
    fn dropped(&self, reason: &str) -> u64 {
        self.s
            .listeners
            .as_ref()
            .and_then(|l| l.dropped.get(reason).copied())
            .unwrap_or(0)
    }
}

fn when(condition: bool, evidence: impl FnOnce() -> String) -> Option<String> {
    condition.then(evidence)
}

/// Every rule, in checklist order.
pub const RULES: &[Rule] = &[
    Rule {
        id: "q2.not_sent",
        covers: "Q2: check that the message was sent successfully",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Check the send result: resend after fixing the error, and treat a message as sent only with status 2 and a server key.",
        check: |f| {
            let m = f.s.message.as_ref()?;
            when(m.status != Some(2) || m.server_key.is_none(), || {
                format!(
                    "message status {}, error {}, server key {}",
                    or_absent(m.status),
                    or_absent(m.error_code),
                    or_absent(m.server_key.as_deref())
                )
            })
        },
    },
    Rule {
        id: "q2.recipient_not_logged_in",
        covers: "Q2: check that the recipient has logged in successfully",
        needs: &[Section::Recipient],
        severity: Severity::Error,
        fix: "Log the recipient in (and again after a kick or an expired user sig) before expecting messages.",
        check: |f| {
            let r = f.recipient()?;
            when(!f.logged_in(), || match (&r.logged_in_user, r.kicked) {
                (_, true) => "the user was kicked offline".to_string(),
                (None, false) => "nobody is logged in".to_string(),
                (Some(user), false) => format!("{user} is logged in"),
            })
        },
    },
    Rule {
        id: "q2.wrong_recipient",
        covers: "Q2 / Q3.1: check that the recipient ID is the message's target",
        needs: &[Section::Message, Section::Recipient],
        severity: Severity::Error,
        fix: "Send to the user id the recipient logs in with (To_Account must equal it).",
        check: |f| {
            // The message's own recipient, or the dispatcher's count of
            // messages dropped because they were for another user.
            let user = f.recipient()?.logged_in_user.as_deref()?;
            let misrouted = f.dropped("misrouted");
            let to = f.c2c().map(|c| c.to_account.as_str()).filter(|to| *to != user);
            when(to.is_some() || misrouted > 0, || match to {
                Some(to) => format!("To_Account is {to}, but {user} is logged in"),
                None => format!("{misrouted} message(s) for another user than {user} were dropped (misrouted)"),
            })
        },
    },
    Rule {
        id: "q2.conversation_mismatch",
        covers: "Q2: check that the conversation of the message is the recipient's conversation",
        needs: &[Section::Message, Section::Recipient],
        severity: Severity::Error,
        fix: "Open the conversation c2c_<sender> on the recipient's side (or read messages from all conversations).",
        check: |f| {
            let c = f.c2c()?;
            let expected = format!("c2c_{}", c.from_account.as_deref()?);
            let open = f.recipient()?.open_conversation.as_deref()?;
            when(open != expected, || format!("message belongs to {expected}, the app reads {open}"))
        },
    },
    Rule {
        id: "q2.not_group_member",
        covers: "Q2: check that the recipient is a group member",
        needs: &[Section::Message, Section::Recipient],
        severity: Severity::Error,
        fix: "Add the recipient to the group (or join the AVChatRoom) before the message is sent.",
        check: |f| {
            let g = f.group()?;
            let r = f.recipient()?;
            when(!r.groups.contains(&g.group_id), || {
                if r.groups.is_empty() {
                    format!("{} is not among the user's groups (none known)", g.group_id)
                } else {
                    format!("{} is not among the user's groups: {}", g.group_id, r.groups.join(", "))
                }
            })
        },
    },
    Rule {
        id: "q2.dropped_not_member",
        covers: "Q2 / D4: received group messages dropped because the dispatcher does not know the user is in the group",
        needs: &[Section::Listeners],
        severity: Severity::Error,
        fix: "Tell the dispatcher every group the user is in (joinGroup after login, on each join and for AVChatRooms), or add the user to the group.",
        check: |f| {
            let dropped = f.dropped("not_member");
            when(dropped > 0, || {
                let groups = f.recipient().map(|r| r.groups.as_slice()).unwrap_or_default();
                if groups.is_empty() {
                    format!("{dropped} group message(s) were dropped (not_member); the dispatcher knows no group of the user")
                } else {
                    format!(
                        "{dropped} group message(s) were dropped (not_member); the dispatcher knows only {}",
                        groups.join(", ")
                    )
                }
            })
        },
    },
    Rule {
        id: "q2.no_listener",
        covers: "Q2.1: check that a message listener has been registered",
        needs: &[Section::Listeners],
        severity: Severity::Error,
        fix: "Register a message listener (or collect messages()) right after login.",
        check: |f| {
            let l = f.s.listeners.as_ref()?;
            when(l.count == 0, || {
                format!(
                    "0 listeners registered; {} message(s) waiting in the buffer, {} dropped because it was full",
                    l.buffered,
                    f.dropped("overflow")
                )
            })
        },
    },
    Rule {
        id: "q2.empty_message",
        covers: "Q2.2: check that the sender added an element (addElement's return value)",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Check every addElement result: a message needs at least one valid element.",
        check: |f| {
            let elements = f.elements()?;
            let problem = elements.iter().enumerate().find_map(|(i, e)| e.validate(i).err());
            when(elements.is_empty() || problem.is_some(), || match problem {
                Some(e) => e.to_string(),
                None => "MsgBody is empty".to_string(),
            })
        },
    },
    Rule {
        id: "q2.consumed_by_earlier_listener",
        covers: "Q2.3: several listeners and one returned true (chain mode)",
        needs: &[Section::Listeners],
        severity: Severity::Warning,
        fix: "Return false from listeners that should not consume messages, or use observer mode.",
        check: |f| {
            let l = f.s.listeners.as_ref()?;
            let consumed: u64 = l.consumed_by.values().sum();
            when(l.mode.as_deref() == Some("chain") && l.count > 1 && consumed > 0, || {
                let by: Vec<String> = l.consumed_by.iter().map(|(id, n)| format!("listener {id}: {n}")).collect();
                format!("chain mode with {} listeners; consumed by {}", l.count, by.join(", "))
            })
        },
    },
    Rule {
        id: "q3.no_certificate",
        covers: "Q3: check that the correct certificate has been uploaded (certificate id configured)",
        needs: &[Section::Push],
        severity: Severity::Error,
        fix: "Upload the push certificate in the console and configure its certificate id (business id) in the app.",
        check: |f| {
            let push = f.s.push.as_ref()?;
            let missing: Vec<String> = push
                .channels
                .iter()
                .filter(|c| c.business_id == 0)
                .map(|c| c.vendor.map_or("?".into(), |v| v.name().to_string()))
                .collect();
            when(push.channels.is_empty() || !missing.is_empty(), || {
                if push.channels.is_empty() {
                    "no push channel configured".to_string()
                } else {
                    format!("no certificate id for {}", missing.join(", "))
                }
            })
        },
    },
    Rule {
        id: "q3.token_not_reported",
        covers: "Q3: check that the token was uploaded after successful login",
        needs: &[Section::Recipient, Section::Push],
        severity: Severity::Error,
        fix: "Report the vendor token after every login (feed the token and login events; perform the Report action).",
        check: |f| {
            let bad: Vec<String> = f
                .channels()
                .iter()
                .filter(|c| c.state != Some(PushState::Registered))
                .map(|c| format!("{} is {}", c.vendor.map_or("?", |v| v.name()), or_absent(c.state)))
                .collect();
            when(f.logged_in() && !bad.is_empty(), || format!("logged in, but {}", bad.join(", ")))
        },
    },
    Rule {
        id: "q3.certificate_id_mismatch",
        covers: "Q3: check that the correct certificate ID was reported with the token",
        needs: &[Section::Push],
        severity: Severity::Error,
        fix: "Report the token with the certificate id the console shows for the uploaded certificate.",
        check: |f| {
            let bad: Vec<String> = f
                .channels()
                .iter()
                .filter_map(|c| {
                    let reported = c.reported_business_id?;
                    (reported != c.business_id).then(|| {
                        format!("{}: reported {reported}, configured {}", c.vendor.map_or("?", |v| v.name()), c.business_id)
                    })
                })
                .collect();
            when(!bad.is_empty(), || bad.join(", "))
        },
    },
    Rule {
        id: "q3.app_state_not_reported",
        covers: "Q3: check that foreground/background switches have been reported",
        needs: &[Section::Push],
        severity: Severity::Warning,
        fix: "Report background (with the unread count) and foreground on every app state change.",
        check: |f| {
            let bad = f.channels().iter().any(|c| c.app_state_reported == Some(false));
            when(bad, || "foreground/background never reported".to_string())
        },
    },
    Rule {
        id: "q3.custom_without_desc",
        covers: "Q3: the message has only TIMCustomElem and desc is empty",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Set the custom element's Desc (or OfflinePushInfo.Desc) so the push has text to show.",
        check: |f| {
            let elements = f.elements()?;
            let desc = |d: Option<&str>| d.is_some_and(|d| !d.trim().is_empty());
            let all_custom = !elements.is_empty() && elements.iter().all(Element::is_custom);
            let any_desc = desc(f.push_info().and_then(|p| p.desc.as_deref()))
                || elements.iter().any(|e| matches!(e, Element::Custom(c) if desc(c.desc.as_deref())));
            when(all_custom && !any_desc, || "custom-only message, no Desc anywhere".to_string())
        },
    },
    Rule {
        id: "q3.random_reused",
        covers: "Q3: deduplication identifiers (MsgRandom) set to the same value",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Draw a fresh MsgRandom for every message (RandomTracker.draw).",
        check: |f| {
            let m = f.s.message.as_ref()?;
            when(m.random_reused, || "MsgRandom reused within the de-duplication window".to_string())
        },
    },
    Rule {
        id: "q3.group_no_alert",
        covers: "Q3: for a group message, check that no-alert is not enabled",
        needs: &[Section::Message, Section::Recipient],
        severity: Severity::Error,
        fix: "Set the group's receive option to 0 (receive and notify) for this user.",
        check: |f| {
            f.group()?;
            let option = f.recipient()?.receive_option?;
            when(matches!(option, ReceiveOption::NotReceive | ReceiveOption::ReceiveNotNotify), || {
                format!("receive option {}", option.to_sdk())
            })
        },
    },
    Rule {
        id: "q3.not_main_process",
        covers: "Q3 (Android): initialise the SDK only in the main process",
        needs: &[Section::Process],
        severity: Severity::Error,
        fix: "Initialise only when the current process name equals applicationInfo.processName.",
        check: |f| {
            let p = f.s.process.as_ref()?;
            let (current, main) = (p.initialised_in.as_deref()?, p.main_process.as_deref()?);
            when(current != main, || format!("initialised in {current}, main process {main}"))
        },
    },
    Rule {
        id: "q3.no_vendor_channel_app_not_alive",
        covers: "Q3 (Android): without a vendor channel the app's process must be alive",
        needs: &[Section::Recipient, Section::Push],
        severity: Severity::Error,
        fix: "Integrate a vendor channel (Huawei, Xiaomi, OPPO, vivo, Honor, Meizu or FCM) or keep the process alive.",
        check: |f| {
            let r = f.recipient()?;
            let android_vendor = f.channels().iter().any(|c| c.vendor.is_some_and(|v| v != PushVendor::Apns));
            when(r.platform.as_deref() == Some("android") && !android_vendor && r.app_alive == Some(false), || {
                "android, no vendor channel, app process not alive".to_string()
            })
        },
    },
    Rule {
        id: "q3.oppo_app_secret",
        covers: "Q3: OPPO needs the MasterSecret, not the AppSecret",
        needs: &[Section::Push],
        severity: Severity::Error,
        fix: "Enter OPPO's MasterSecret (not the AppSecret) in the console's Android push certificate.",
        check: |f| {
            let c = f.channels().iter().find(|c| c.vendor == Some(PushVendor::Oppo))?;
            when(c.master_secret_set == Some(false) || c.master_secret_equals_app_secret, || {
                if c.master_secret_equals_app_secret {
                    "OPPO MasterSecret equals the AppSecret".to_string()
                } else {
                    "OPPO MasterSecret not set".to_string()
                }
            })
        },
    },
    Rule {
        id: "q3.offline_push_listener_not_set",
        covers: "Q3.2: check that the offline push listener is enabled (Android)",
        needs: &[Section::Recipient],
        severity: Severity::Warning,
        fix: "Set the offline-push listener at startup on Android.",
        check: |f| {
            let r = f.recipient()?;
            when(r.platform.as_deref() == Some("android") && r.offline_push_listener_set == Some(false), || {
                "offline-push listener not set".to_string()
            })
        },
    },
    Rule {
        id: "q3.notifications_disabled",
        covers: "Q3.3: check that notifications are enabled",
        needs: &[Section::Recipient],
        severity: Severity::Error,
        fix: "Ask the user to enable notifications for the app in the system settings.",
        check: |f| {
            let r = f.recipient()?;
            when(r.notifications_enabled == Some(false), || "notifications disabled by the user".to_string())
        },
    },
    Rule {
        id: "q3.online_only",
        covers: "Q3.4: online message (sendOnlineMessage, MsgLifeTime 0)",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Send with a MsgLifeTime above 0 (and OnlineOnlyFlag 0) if the message should be pushed.",
        check: |f| {
            let online_only = f.c2c().is_some_and(|c| c.msg_life_time == Some(0))
                || f.group().is_some_and(|g| g.online_only_flag == Some(true));
            when(online_only, || "MsgLifeTime 0 / OnlineOnlyFlag 1".to_string())
        },
    },
    Rule {
        id: "q3.push_disabled_on_message",
        covers: "Q3.5: check that offline push is enabled for the message",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "Leave OfflinePushInfo.PushFlag at 0 for messages that should be pushed.",
        check: |f| {
            when(f.push_info().and_then(|p| p.push_flag) == Some(PushFlag::NoPush), || "PushFlag 1".to_string())
        },
    },
    Rule {
        id: "x2.blocklisted_shown_as_sent",
        covers: "X2 / FAQ Q7: a blocklisted sender sees success but nothing is delivered",
        needs: &[Section::Policy],
        severity: Severity::Error,
        fix: "The recipient blocklisted the sender; turn off \"show sent successfully\" to surface error 20007 instead.",
        check: |f| {
            let p = f.s.policy.as_ref()?;
            when(
                p.sender_blocklisted && blocklisted_send(p.show_sent_successfully) == BlocklistOutcome::ShownAsSentNotDelivered,
                || "the sender is blocklisted and the console's show-sent-successfully setting is on".to_string(),
            )
        },
    },
    Rule {
        id: "x1.beyond_retention",
        covers: "X1 / FAQ Q6: the message is older than the edition keeps history",
        needs: &[Section::Message, Section::Policy],
        severity: Severity::Warning,
        fix: "Extend the retention in the console (Pro, Ultimate) or fetch history sooner.",
        check: |f| {
            let p = f.s.policy.as_ref()?;
            let sent = f.s.message.as_ref()?.sent_at?;
            let group_type = f.s.message.as_ref().and_then(|m| m.group_type);
            let age_days = p.now?.saturating_sub(sent) / 86_400;
            match retention_days(p.edition?, group_type, p.extended_retention_days) {
                None => when(true, || "AVChatRoom keeps no history".to_string()),
                Some(days) => when(age_days > u64::from(days), || format!("{age_days} days old, kept {days} days")),
            }
        },
    },
    Rule {
        id: "m9.mention_rules",
        covers: "M9 / FAQ Q10: @ mentions not allowed for the group type",
        needs: &[Section::Message],
        severity: Severity::Error,
        fix: "No @ in AVChatRoom; @ single users only in Community; at most 30 targets.",
        check: |f| {
            let g = f.group()?;
            let group_type = f.s.message.as_ref().and_then(|m| m.group_type).or_else(|| GroupType::infer_from_id(&g.group_id))?;
            let mentions = g.group_at_info.as_deref().unwrap_or_default();
            check_mentions(group_type, mentions, MessageLimits::default().max_mentions as usize)
                .err()
                .map(|e| e.to_string())
        },
    },
];

/// Runs every rule over `snapshot`; findings in rule order. A message body
/// that does not decode is itself a finding (`g.message_unreadable`).
pub fn diagnose(snapshot: &Snapshot) -> Vec<Finding> {
    let mut findings = Vec::new();
    let body = match snapshot.message.as_ref() {
        None => None,
        Some(m) => match SendBody::decode(&m.body.to_string()) {
            Ok(body) => Some(body),
            Err(e) => {
                findings.push(Finding {
                    id: "g.message_unreadable".to_string(),
                    severity: Severity::Warning,
                    evidence: e.to_string(),
                    fix: "Export the message's send body as JSON (wire format) into the snapshot."
                        .to_string(),
                });
                None
            }
        },
    };
    let facts = Facts { s: snapshot, body };
    let mut fired = Vec::new();
    for rule in RULES {
        if let Some(evidence) = (rule.check)(&facts) {
            fired.push(rule.id);
            findings.push(Finding {
                id: rule.id.to_string(),
                severity: rule.severity,
                evidence,
                fix: rule.fix.to_string(),
            });
        }
    }
    findings.extend(not_checked(snapshot, &fired));
    findings
}

/// `g.not_checked`: the rules that could not run because a section they
/// read is missing, so that no findings never reads as "healthy" when
/// nothing was looked at. A rule that fired ran, even on part of its
/// sections (`q2.wrong_recipient` from the dispatcher's count alone), and is
/// never listed.
fn not_checked(snapshot: &Snapshot, fired: &[&str]) -> Option<Finding> {
    let missing: Vec<Section> = [
        Section::Process,
        Section::Message,
        Section::Recipient,
        Section::Listeners,
        Section::Push,
        Section::Policy,
    ]
    .into_iter()
    .filter(|s| !s.present_in(snapshot))
    .collect();
    let parts: Vec<String> = missing
        .iter()
        .filter_map(|section| {
            let rules: Vec<&str> = RULES
                .iter()
                .filter(|r| r.needs.contains(section) && !fired.contains(&r.id))
                .map(|r| r.id)
                .collect();
            (!rules.is_empty()).then(|| format!("no {}: {}", section.name(), rules.join(", ")))
        })
        .collect();
    (!parts.is_empty()).then(|| Finding {
        id: "g.not_checked".to_string(),
        severity: Severity::Info,
        evidence: format!("not checked — {}", parts.join("; ")),
        fix: "Add the missing sections to the snapshot (exportSnapshot with the dispatcher, push channels and app facts) to run these checks.".to_string(),
    })
}
