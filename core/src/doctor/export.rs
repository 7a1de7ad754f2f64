//! Exporting a snapshot from a running instance (SPEC G): the library's own
//! state (init, login, listeners, push channels) plus what only the app
//! knows (the message in question, permissions, console settings).

use crate::dispatch::{DispatchCore, DispatchMode};
use crate::doctor::{
    ChannelFacts, ListenerFacts, ProcessFacts, PushFacts, Snapshot, SNAPSHOT_VERSION,
};
use crate::doctor::{MessageFacts, PolicyFacts, RecipientFacts};
use crate::init::{Instance, LoginState, SessionEnd};
use crate::push::{PushMachine, PushVendor};

/// What only the app knows; the export fills in the rest.
#[derive(Debug, Clone, Default)]
pub struct AppFacts {
    /// The app's main process name.
    pub main_process: Option<String>,
    /// The message in question.
    pub message: Option<MessageFacts>,
    /// The recipient facts the app knows (permissions, open conversation,
    /// groups, receive option, platform); user and kick state come from the instance.
    pub recipient: RecipientFacts,
    /// Console settings.
    pub policy: Option<PolicyFacts>,
}

/// The library's live objects to read.
#[derive(Default)]
pub struct Live<'a> {
    /// The initialised instance.
    pub instance: Option<&'a Instance>,
    /// The incoming dispatcher.
    pub dispatcher: Option<&'a DispatchCore>,
    /// The push channels.
    pub channels: Vec<&'a PushMachine>,
}

/// A snapshot of `live` and `app` for [`crate::doctor::diagnose`] or for a
/// support engineer (`imbridge doctor`).
pub fn export_snapshot(live: &Live<'_>, app: AppFacts) -> Snapshot {
    let mut recipient = app.recipient;
    if let Some(instance) = live.instance {
        let state = instance.login_state().unwrap_or(LoginState::LoggedOut);
        recipient.logged_in_user = match &state {
            LoginState::LoggedIn { user_id: user } | LoginState::LoggingOut { user_id: user } => {
                Some(user.clone())
            }
            _ => None,
        };
        recipient.kicked = state == LoginState::LoggedOut
            && instance.last_session_end().ok().flatten() == Some(SessionEnd::KickedOffline);
    }
    if let Some(d) = live.dispatcher {
        // The dispatcher delivers for its user and groups (D4): what it
        // knows counts as much as what the app reported.
        for group in d.groups() {
            if !recipient.groups.contains(&group) {
                recipient.groups.push(group);
            }
        }
        if live.instance.is_none() && recipient.logged_in_user.is_none() {
            recipient.logged_in_user = d.user().map(str::to_string);
        }
    }
    let process = live.instance.map(|i| ProcessFacts {
        initialised_in: Some(i.process_name().to_string()),
        main_process: app.main_process.clone(),
    });
    let listeners = live.dispatcher.map(|d| {
        let stats = d.stats();
        ListenerFacts {
            count: u32::try_from(d.listener_count()).unwrap_or(u32::MAX),
            mode: Some(
                match d.mode() {
                    DispatchMode::Observer => "observer",
                    DispatchMode::Chain => "chain",
                }
                .to_string(),
            ),
            consumed_by: stats
                .consumed_by
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            dropped: stats
                .dropped
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            buffered: stats.buffered,
        }
    });
    let push = (!live.channels.is_empty()).then(|| PushFacts {
        channels: live
            .channels
            .iter()
            .map(|m| {
                let c = m.config();
                let f = m.facts();
                ChannelFacts {
                    vendor: c.vendor,
                    business_id: c.business_id,
                    reported_business_id: f.registration.as_ref().map(|r| r.key.business_id),
                    state: Some(f.state),
                    environment: c.environment,
                    master_secret_set: (c.vendor == Some(PushVendor::Oppo))
                        .then(|| c.master_secret.is_some()),
                    master_secret_equals_app_secret: c.master_secret.is_some()
                        && c.master_secret == c.app_secret,
                    app_state_reported: Some(f.foreground.is_some()),
                }
            })
            .collect(),
    });
    Snapshot {
        version: SNAPSHOT_VERSION,
        process,
        message: app.message,
        // Nothing known of the recipient is no section, not "nobody is
        // logged in": a bare export says "not checked", never an error.
        recipient: (live.instance.is_some()
            || live.dispatcher.is_some()
            || recipient != RecipientFacts::default())
        .then_some(recipient),
        listeners,
        push,
        policy: app.policy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::diagnose;
    use crate::init::{InitConfig, Registry};

    #[test]
    fn g_export_from_live_objects_feeds_the_rules() {
        let registry = Registry::new();
        let dir = std::env::temp_dir().join(format!("imbridge-export-{}", std::process::id()));
        let instance = registry
            .init(
                InitConfig {
                    sdk_app_id: 1,
                    data_dir: dir.display().to_string(),
                },
                crate::init::ProcessFacts {
                    current: Some("com.example:push".into()),
                    main: Some("com.example:push".into()),
                },
            )
            .unwrap();
        let dispatcher = DispatchCore::default();
        let snapshot = export_snapshot(
            &Live {
                instance: Some(&instance),
                dispatcher: Some(&dispatcher),
                channels: vec![],
            },
            AppFacts {
                main_process: Some("com.example".into()),
                ..AppFacts::default()
            },
        );
        let findings = diagnose(&snapshot);
        let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
        assert!(ids.contains(&"q2.no_listener"), "{ids:?}");
        assert!(ids.contains(&"q2.recipient_not_logged_in"), "{ids:?}");
        assert!(ids.contains(&"q3.not_main_process"), "{ids:?}");
        let json = serde_json::to_string(&snapshot).unwrap();
        assert_eq!(
            Snapshot::parse(&json).unwrap(),
            snapshot,
            "exported snapshots read back"
        );
    }

    #[test]
    fn g_an_empty_export_gives_only_not_checked() {
        let snapshot = export_snapshot(&Live::default(), AppFacts::default());
        assert_eq!(snapshot.recipient, None, "nothing known of the recipient");
        let findings = diagnose(&snapshot);
        let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["g.not_checked"]);
        assert!(findings[0].evidence.contains("q2.recipient_not_logged_in"));
    }

    #[test]
    fn g_recipient_facts_from_the_app_alone_are_a_section() {
        let snapshot = export_snapshot(
            &Live::default(),
            AppFacts {
                recipient: RecipientFacts {
                    notifications_enabled: Some(false),
                    ..RecipientFacts::default()
                },
                ..AppFacts::default()
            },
        );
        let ids: Vec<String> = diagnose(&snapshot).into_iter().map(|f| f.id).collect();
        assert!(
            ids.contains(&"q3.notifications_disabled".to_string()),
            "{ids:?}"
        );
    }

    #[test]
    fn g_the_dispatchers_groups_count_as_the_users_groups() {
        let mut dispatcher = DispatchCore::default();
        dispatcher.set_user(Some("bob".into()));
        dispatcher.join_group("g1");
        let snapshot = export_snapshot(
            &Live {
                instance: None,
                dispatcher: Some(&dispatcher),
                channels: vec![],
            },
            AppFacts {
                message: Some(crate::doctor::MessageFacts {
                    body: serde_json::json!({"GroupId": "g1", "Random": 1,
                        "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hi"}}]}),
                    status: Some(2),
                    server_key: Some("g1_1".into()),
                    ..Default::default()
                }),
                ..AppFacts::default()
            },
        );
        assert_eq!(snapshot.recipient.as_ref().unwrap().groups, ["g1"]);
        let ids: Vec<String> = diagnose(&snapshot).into_iter().map(|f| f.id).collect();
        assert!(!ids.contains(&"q2.not_group_member".to_string()), "{ids:?}");
    }
}
