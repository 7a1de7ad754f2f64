//! SPEC T2 row by row, T3, T4 restarts, T6, and property tests over random
//! event sequences.

use super::*;
use crate::message::{
    C2cMessage, CustomElem, Element, GroupMessage, Mention, OfflinePushInfo, ReceiveOption,
    SendBody,
};
use crate::redact::Secret;
use proptest::prelude::*;

fn apns() -> PushChannelConfig {
    PushChannelConfig {
        vendor: Some(PushVendor::Apns),
        business_id: 12345,
        environment: Some(ApnsEnvironment::Production),
        app_version: "1.0".into(),
        ..PushChannelConfig::default()
    }
}

fn token(t: &str) -> PushEvent {
    PushEvent::Token {
        token: Secret::new(t),
    }
}

fn login(u: &str) -> PushEvent {
    PushEvent::Login { user_id: u.into() }
}

fn ok() -> PushEvent {
    PushEvent::ReportResult {
        ok: true,
        retryable: false,
        reason: None,
    }
}

fn report(t: &str, user: &str) -> PushAction {
    PushAction::Report {
        token: Secret::new(t),
        business_id: 12345,
        user_id: user.into(),
    }
}

/// A machine driven through `events` (all at time 0).
fn at(events: Vec<PushEvent>) -> PushMachine {
    let mut m = PushMachine::new(apns()).unwrap();
    for e in events {
        m.handle(0, e).unwrap();
    }
    m
}

fn registered() -> PushMachine {
    at(vec![PushEvent::Enable, token("t1"), login("alice"), ok()])
}

/// One case per row of the T2 table: (name, setup, event, expected state, expected actions).
#[test]
fn t2_every_row_of_the_table() {
    type Case = (
        &'static str,
        PushMachine,
        PushEvent,
        PushState,
        Vec<PushAction>,
    );
    let retry_failure = PushEvent::ReportResult {
        ok: false,
        retryable: true,
        reason: None,
    };
    let permanent = PushEvent::ReportResult {
        ok: false,
        retryable: false,
        reason: Some("bad token".into()),
    };
    let cases: Vec<Case> = vec![
        (
            "disabled + enable",
            at(vec![]),
            PushEvent::Enable,
            PushState::NoToken,
            vec![],
        ),
        (
            "no token + token",
            at(vec![PushEvent::Enable]),
            token("t1"),
            PushState::TokenReady,
            vec![],
        ),
        (
            "token ready + login",
            at(vec![PushEvent::Enable, token("t1")]),
            login("alice"),
            PushState::Registering,
            vec![report("t1", "alice")],
        ),
        (
            "registering + report ok",
            at(vec![PushEvent::Enable, token("t1"), login("alice")]),
            ok(),
            PushState::Registered,
            vec![],
        ),
        (
            "registering + retryable failure",
            at(vec![PushEvent::Enable, token("t1"), login("alice")]),
            retry_failure,
            PushState::RetryWait,
            vec![PushAction::ScheduleRetry { at_ms: 30_000 }],
        ),
        (
            "registering + permanent failure",
            at(vec![PushEvent::Enable, token("t1"), login("alice")]),
            permanent,
            PushState::Failed,
            vec![],
        ),
        (
            "registered + same token",
            registered(),
            token("t1"),
            PushState::Registered,
            vec![],
        ),
        (
            "registered + new token",
            registered(),
            token("t2"),
            PushState::Registering,
            vec![report("t2", "alice")],
        ),
        (
            "registered + cert id changed",
            registered(),
            PushEvent::Config {
                config: PushChannelConfig {
                    business_id: 999,
                    ..apns()
                },
            },
            PushState::Registering,
            vec![PushAction::Report {
                token: Secret::new("t1"),
                business_id: 999,
                user_id: "alice".into(),
            }],
        ),
        (
            "registered + environment changed",
            registered(),
            PushEvent::Config {
                config: PushChannelConfig {
                    environment: Some(ApnsEnvironment::Sandbox),
                    ..apns()
                },
            },
            PushState::Registering,
            vec![report("t1", "alice")],
        ),
        (
            "registered + app version changed",
            registered(),
            PushEvent::Config {
                config: PushChannelConfig {
                    app_version: "1.1".into(),
                    ..apns()
                },
            },
            PushState::Registering,
            vec![report("t1", "alice")],
        ),
        (
            "registered + user switch",
            registered(),
            login("bob"),
            PushState::Unregistering,
            vec![PushAction::Unregister {
                user_id: "alice".into(),
            }],
        ),
        (
            "user switch + unregister result",
            at(vec![
                PushEvent::Enable,
                token("t1"),
                login("alice"),
                ok(),
                login("bob"),
            ]),
            PushEvent::UnregisterResult { ok: true },
            PushState::Registering,
            vec![report("t1", "bob")],
        ),
        (
            "disabled with a token + enable",
            at(vec![token("t1"), login("alice")]),
            PushEvent::Enable,
            PushState::Registering,
            vec![report("t1", "alice")],
        ),
        (
            "logged in + logout",
            registered(),
            PushEvent::Logout,
            PushState::Unregistering,
            vec![PushAction::Unregister {
                user_id: "alice".into(),
            }],
        ),
        (
            "unregistering + result",
            at(vec![
                PushEvent::Enable,
                token("t1"),
                login("alice"),
                ok(),
                PushEvent::Logout,
            ]),
            PushEvent::UnregisterResult { ok: true },
            PushState::TokenReady,
            vec![],
        ),
        (
            "logged in + kicked",
            registered(),
            PushEvent::Kicked,
            PushState::TokenReady,
            vec![],
        ),
        (
            "logged in + sig expired",
            registered(),
            PushEvent::UserSigExpired,
            PushState::TokenReady,
            vec![],
        ),
        (
            "any + disable",
            registered(),
            PushEvent::Disable,
            PushState::Disabled,
            vec![PushAction::ReportDisabled],
        ),
    ];
    for (name, mut m, event, state, actions) in cases {
        let got = m.handle(0, event).unwrap();
        assert_eq!(m.state(), state, "{name}");
        assert_eq!(got, actions, "{name}");
    }
}

#[test]
fn t2_registration_older_than_7_days_is_renewed_on_tick() {
    let mut m = registered();
    let week = defaults::MAX_REGISTRATION_AGE_MS;
    assert!(m.handle(week - 1, PushEvent::Tick).unwrap().is_empty());
    assert_eq!(
        m.handle(week, PushEvent::Tick).unwrap(),
        vec![report("t1", "alice")]
    );
    assert_eq!(m.state(), PushState::Registering);
}

#[test]
fn t2_backoff_doubles_from_30_s_up_to_8_h() {
    let mut m = at(vec![PushEvent::Enable, token("t1"), login("alice")]);
    let mut now = 0;
    let mut seen = Vec::new();
    for _ in 0..15 {
        let actions = m
            .handle(
                now,
                PushEvent::ReportResult {
                    ok: false,
                    retryable: true,
                    reason: None,
                },
            )
            .unwrap();
        let [PushAction::ScheduleRetry { at_ms }] = actions[..] else {
            panic!("{actions:?}")
        };
        seen.push(at_ms - now);
        assert!(
            m.handle(at_ms - 1, PushEvent::Tick).unwrap().is_empty(),
            "no retry before it is due"
        );
        now = at_ms;
        assert_eq!(
            m.handle(now, PushEvent::Tick).unwrap(),
            vec![report("t1", "alice")]
        );
    }
    assert_eq!(&seen[..4], &[30_000, 60_000, 120_000, 240_000]);
    assert_eq!(
        *seen.last().unwrap(),
        8 * 60 * 60 * 1000,
        "capped at 8 h (SPEC T2)"
    );
    m.handle(now, ok()).unwrap();
    assert_eq!(m.facts().backoff_ms, 0, "a success resets the backoff");
}

#[test]
fn t2_failed_leaves_only_on_new_token_or_config() {
    let failed = || {
        at(vec![
            PushEvent::Enable,
            token("t1"),
            login("alice"),
            PushEvent::ReportResult {
                ok: false,
                retryable: false,
                reason: Some("wrong certificate".into()),
            },
        ])
    };
    let mut m = failed();
    assert_eq!(m.facts().failure.as_deref(), Some("wrong certificate"));
    for e in [
        token("t1"),
        PushEvent::Tick,
        login("alice"),
        PushEvent::Foreground,
    ] {
        assert!(m.handle(0, e).unwrap().is_empty());
        assert_eq!(m.state(), PushState::Failed);
    }
    assert_eq!(
        m.handle(0, token("t2")).unwrap(),
        vec![report("t2", "alice")]
    );
    let mut m = failed();
    let actions = m
        .handle(
            0,
            PushEvent::Config {
                config: PushChannelConfig {
                    business_id: 777,
                    ..apns()
                },
            },
        )
        .unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(m.state(), PushState::Registering);
}

#[test]
fn t2_token_before_login_sends_nothing_token_after_login_reports() {
    let mut m = at(vec![PushEvent::Enable, login("alice")]);
    assert_eq!(m.state(), PushState::NoToken);
    assert_eq!(
        m.handle(0, token("t1")).unwrap(),
        vec![report("t1", "alice")]
    );
}

#[test]
fn t2_events_that_do_not_apply_change_nothing() {
    let mut m = at(vec![]);
    for e in [
        login("alice"),
        ok(),
        PushEvent::Tick,
        PushEvent::Logout,
        PushEvent::Foreground,
    ] {
        assert!(m.handle(0, e).unwrap().is_empty());
        assert_eq!(m.state(), PushState::Disabled);
    }
    assert!(
        m.handle(0, PushEvent::Disable).unwrap().is_empty(),
        "already disabled"
    );
}

#[test]
fn t2_invalid_events_are_typed_errors_and_change_nothing() {
    let mut m = at(vec![PushEvent::Enable]);
    assert!(matches!(
        m.handle(0, token(" ")),
        Err(PushError::InvalidEvent { .. })
    ));
    assert!(matches!(
        m.handle(0, login("")),
        Err(PushError::InvalidEvent { .. })
    ));
    let bad = PushEvent::Config {
        config: PushChannelConfig {
            business_id: 0,
            ..apns()
        },
    };
    assert!(matches!(
        m.handle(0, bad),
        Err(PushError::InvalidConfig { .. })
    ));
    assert_eq!(m.state(), PushState::NoToken);
    assert_eq!(m.config().business_id, 12345);
}

#[test]
fn t3_app_state_is_reported_only_while_registered_and_logged_in() {
    let mut m = at(vec![PushEvent::Enable, token("t1")]);
    assert!(m
        .handle(0, PushEvent::Background { unread: 3 })
        .unwrap()
        .is_empty());
    let mut m = registered();
    assert_eq!(
        m.handle(0, PushEvent::Background { unread: 3 }).unwrap(),
        vec![PushAction::ReportBackground { unread: 3 }]
    );
    assert_eq!(
        m.handle(0, PushEvent::Foreground).unwrap(),
        vec![PushAction::ReportForeground]
    );
    assert_eq!(m.facts().foreground, Some(true));
}

fn temp_store(name: &str) -> PushStore {
    let dir = std::env::temp_dir().join(format!("imbridge-push-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    PushStore::in_dir(&dir, PushVendor::Apns)
}

#[test]
fn t4_state_survives_a_restart() {
    let store = temp_store("restart");
    let m = registered();
    m.save(&store).unwrap();
    let (mut back, problem) = PushMachine::restore(apns(), &store).unwrap();
    assert_eq!(problem, None);
    assert_eq!(back.facts(), m.facts());
    assert!(
        back.handle(0, login("alice")).unwrap().is_empty(),
        "the same user again: nothing"
    );
}

#[test]
fn t4_only_changes_are_written() {
    let store = temp_store("writes");
    let mut m = PushMachine::new(apns()).unwrap();
    m.handle_and_save(0, PushEvent::Enable, &store).unwrap();
    assert!(store.path().exists());
    std::fs::remove_file(store.path()).unwrap();
    m.handle_and_save(1, PushEvent::Tick, &store).unwrap();
    assert!(
        !store.path().exists(),
        "a tick that changes nothing writes nothing"
    );
    m.handle_and_save(2, token("t1"), &store).unwrap();
    let (back, _) = PushMachine::restore(apns(), &store).unwrap();
    assert_eq!(back.state(), PushState::TokenReady);
}

#[test]
fn t4_no_file_starts_disabled() {
    let (m, problem) = PushMachine::restore(apns(), &temp_store("fresh")).unwrap();
    assert_eq!((m.state(), problem), (PushState::Disabled, None));
}

#[test]
fn t4_corrupt_or_unknown_version_resets_to_no_token_with_a_typed_error() {
    let store = temp_store("corrupt");
    registered().save(&store).unwrap();
    for (content, unknown_version) in [
        (
            "{\"version\": 1, \"vendor\": \"apns\", \"facts\": {\"state\": \"Regist",
            false,
        ),
        ("not json", false),
        (
            "{\"version\": 99, \"vendor\": \"apns\", \"facts\": {}}",
            true,
        ),
        ("{\"vendor\": \"apns\"}", false),
        (
            "{\"version\": 1, \"vendor\": \"fcm\", \"facts\": {}}",
            false,
        ),
    ] {
        std::fs::write(store.path(), content).unwrap();
        let (m, problem) = PushMachine::restore(apns(), &store).unwrap();
        assert_eq!(m.state(), PushState::NoToken, "{content}");
        match problem {
            Some(PushError::UnknownVersion { version: 99, .. }) => assert!(unknown_version),
            Some(PushError::CorruptState { .. }) => assert!(!unknown_version),
            other => panic!("{content}: {other:?}"),
        }
    }
}

#[test]
fn t4_interrupted_write_before_rename_leaves_the_old_state() {
    let store = temp_store("interrupted");
    let old = registered();
    old.save(&store).unwrap();
    // A crash after writing the temp file but before the rename leaves a stray temp file.
    let dir = store.path().parent().unwrap();
    std::fs::write(
        dir.join(".push-apns.json.999.tmp"),
        "{\"version\": 1, \"half",
    )
    .unwrap();
    let (back, problem) = PushMachine::restore(apns(), &store).unwrap();
    assert_eq!(problem, None);
    assert_eq!(back.facts(), old.facts());
}

#[test]
fn t5_snapshot_debug_and_actions_never_show_the_token() {
    let m = registered();
    let shown = format!("{m:?} {:?}", report("t1-secret-token", "alice"));
    assert!(!shown.contains("t1-secret-token"));
}

fn c2c(body: Vec<Element>) -> SendBody {
    SendBody::C2c(C2cMessage::new("bob", 1, 2, body))
}

fn custom(desc: Option<&str>) -> Element {
    Element::Custom(CustomElem {
        data: "{}".into(),
        desc: desc.map(Into::into),
        ..CustomElem::default()
    })
}

fn online() -> PushContext {
    PushContext {
        push_enabled: true,
        ..PushContext::default()
    }
}

#[test]
fn t6_plain_message_is_pushed() {
    assert_eq!(
        will_push(&c2c(vec![Element::text("hi")]), &online()),
        PushDecision::Yes
    );
}

#[test]
fn t6_every_reason_is_reported() {
    let mut m = C2cMessage::new("bob", 1, 2, vec![custom(None)]);
    m.msg_life_time = Some(0);
    m.offline_push_info = Some(OfflinePushInfo {
        push_flag: Some(crate::message::PushFlag::NoPush),
        ..OfflinePushInfo::default()
    });
    let ctx = PushContext {
        push_enabled: false,
        recipient_state: RecipientState::Kicked,
        random_reused: true,
        ..PushContext::default()
    };
    assert_eq!(
        will_push(&SendBody::C2c(m), &ctx),
        PushDecision::No(vec![
            NoPushReason::PushFlagOff,
            NoPushReason::PushDisabled,
            NoPushReason::CustomWithoutDesc,
            NoPushReason::OnlineOnly,
            NoPushReason::RecipientKicked,
            NoPushReason::RandomReused,
        ])
    );
}

#[test]
fn t6_every_reason_has_its_own_sentence() {
    let reasons = [
        (NoPushReason::PushFlagOff, "PushFlag"),
        (NoPushReason::PushDisabled, "disabled"),
        (NoPushReason::CustomWithoutDesc, "Desc"),
        (NoPushReason::OnlineOnly, "online-only"),
        (NoPushReason::RecipientLoggedOut, "logged out"),
        (NoPushReason::RecipientKicked, "kicked"),
        (
            NoPushReason::ReceiveOptionSilences {
                option: ReceiveOption::ReceiveNotNotify,
            },
            "receive option",
        ),
        (NoPushReason::RandomReused, "MsgRandom"),
    ];
    for (reason, words) in reasons {
        let sentence = reason.to_string();
        assert!(sentence.contains(words), "{reason:?}: {sentence}");
    }
}

#[test]
fn t6_custom_message_needs_a_desc_somewhere() {
    assert_eq!(
        will_push(&c2c(vec![custom(Some("Order shipped"))]), &online()),
        PushDecision::Yes
    );
    let mut m = C2cMessage::new("bob", 1, 2, vec![custom(None)]);
    m.offline_push_info = Some(OfflinePushInfo {
        desc: Some("You have a message".into()),
        ..OfflinePushInfo::default()
    });
    assert_eq!(will_push(&SendBody::C2c(m), &online()), PushDecision::Yes);
    assert_eq!(
        will_push(&c2c(vec![custom(None)]), &online()),
        PushDecision::No(vec![NoPushReason::CustomWithoutDesc])
    );
}

#[test]
fn t6_group_receive_options_and_mentions() {
    let group = |mentions: Vec<Mention>| {
        let mut g = GroupMessage::new("g1", 1, vec![Element::text("hi")]);
        g.group_at_info = Some(mentions);
        SendBody::Group(g)
    };
    let ctx = |option| PushContext {
        recipient: Some("bob".into()),
        receive_option: Some(option),
        ..online()
    };
    let silenced = |option| PushDecision::No(vec![NoPushReason::ReceiveOptionSilences { option }]);
    assert_eq!(
        will_push(&group(vec![]), &ctx(ReceiveOption::Receive)),
        PushDecision::Yes
    );
    assert_eq!(
        will_push(&group(vec![]), &ctx(ReceiveOption::ReceiveNotNotify)),
        silenced(ReceiveOption::ReceiveNotNotify)
    );
    assert_eq!(
        will_push(&group(vec![]), &ctx(ReceiveOption::NotNotifyExceptAt)),
        silenced(ReceiveOption::NotNotifyExceptAt)
    );
    assert_eq!(
        will_push(
            &group(vec![Mention::User {
                account: "bob".into()
            }]),
            &ctx(ReceiveOption::NotNotifyExceptAt)
        ),
        PushDecision::Yes
    );
    assert_eq!(
        will_push(
            &group(vec![Mention::All]),
            &ctx(ReceiveOption::NotReceiveExceptAt)
        ),
        PushDecision::Yes
    );
    let mut online_only = GroupMessage::new("g1", 1, vec![Element::text("hi")]);
    online_only.online_only_flag = Some(true);
    assert_eq!(
        will_push(&SendBody::Group(online_only), &online()),
        PushDecision::No(vec![NoPushReason::OnlineOnly])
    );
}

fn any_event() -> impl Strategy<Value = PushEvent> {
    prop_oneof![
        Just(PushEvent::Enable),
        Just(PushEvent::Disable),
        prop_oneof![Just("t1"), Just("t2"), Just("t3")].prop_map(token),
        prop_oneof![Just("alice"), Just("bob")].prop_map(login),
        Just(PushEvent::Logout),
        Just(PushEvent::Kicked),
        Just(PushEvent::UserSigExpired),
        (any::<bool>(), any::<bool>()).prop_map(|(ok, retryable)| PushEvent::ReportResult {
            ok,
            retryable,
            reason: None
        }),
        Just(PushEvent::UnregisterResult { ok: true }),
        (0u32..100).prop_map(|unread| PushEvent::Background { unread }),
        Just(PushEvent::Foreground),
        Just(PushEvent::Tick),
        prop_oneof![Just("1.0"), Just("2.0")].prop_map(|v| PushEvent::Config {
            config: PushChannelConfig {
                app_version: v.into(),
                ..apns()
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn t2_invariants_hold_for_random_event_sequences(
        steps in proptest::collection::vec((0u64..10_000_000, any_event()), 1..80)
    ) {
        let mut m = PushMachine::new(apns()).unwrap();
        let mut now = 0u64;
        for (gap, event) in steps {
            now += gap;
            let was_disabled = m.state() == PushState::Disabled;
            let is_enable = event == PushEvent::Enable;
            let actions = m.handle(now, event).unwrap();
            // Never Registered (or registering) while logged out.
            if matches!(m.state(), PushState::Registered | PushState::Registering | PushState::RetryWait) {
                prop_assert!(m.logged_in(), "{:?} while logged out", m.state());
            }
            for action in &actions {
                match action {
                    // A report always carries the current token and user.
                    PushAction::Report { token, user_id: user, business_id } => {
                        prop_assert_eq!(Some(token), m.facts().token.as_ref());
                        prop_assert_eq!(Some(user), m.facts().user.as_ref());
                        prop_assert_eq!(*business_id, m.config().business_id);
                    }
                    // Backoff bounded.
                    PushAction::ScheduleRetry { at_ms } => {
                        let wait = at_ms - now;
                        prop_assert!((defaults::MIN_BACKOFF_MS..=defaults::MAX_BACKOFF_MS).contains(&wait));
                    }
                    _ => {}
                }
            }
            // No action in Disabled. Leaving it, enable asks at most for
            // the report of a token that came while disabled.
            if was_disabled && m.state() == PushState::Disabled {
                prop_assert!(actions.is_empty(), "{:?}", actions);
            }
            if was_disabled && is_enable {
                prop_assert!(actions.iter().all(|a| matches!(a, PushAction::Report { .. })), "{:?}", actions);
            }
            // T2 user switch: an unregister and a report are never asked
            // for together — the report waits for the unregister result.
            let unregisters = actions.iter().any(|a| matches!(a, PushAction::Unregister { .. }));
            let reports = actions.iter().any(|a| matches!(a, PushAction::Report { .. }));
            prop_assert!(!(unregisters && reports), "{:?}", actions);
        }
    }
}

#[test]
fn t2_a_token_before_enable_is_kept_and_reported_once_enabled() {
    let mut m = at(vec![]);
    assert!(m.handle(0, token("early")).unwrap().is_empty());
    assert_eq!(m.state(), PushState::Disabled);
    assert!(
        m.status().token_fingerprint.is_some(),
        "kept, shown as its fingerprint"
    );
    assert!(m.handle(1, login("alice")).unwrap().is_empty());
    assert_eq!(
        m.handle(2, PushEvent::Enable).unwrap(),
        vec![report("early", "alice")]
    );
    assert_eq!(m.state(), PushState::Registering);
    // Logged out, enable only makes the token ready.
    let mut m = at(vec![token("early")]);
    assert!(m.handle(0, PushEvent::Enable).unwrap().is_empty());
    assert_eq!(m.state(), PushState::TokenReady);
}

#[test]
fn t2_logged_in_follows_login_logout_and_kicks() {
    let mut m = at(vec![PushEvent::Enable]);
    assert!(!m.logged_in());
    m.handle(0, login("alice")).unwrap();
    assert!(m.logged_in());
    m.handle(0, PushEvent::Kicked).unwrap();
    assert!(!m.logged_in(), "a kick ends the session");
    m.handle(0, login("alice")).unwrap();
    m.handle(0, PushEvent::Logout).unwrap();
    assert!(!m.logged_in());
}

#[test]
fn t2_kicked_before_any_token_still_waits_for_one() {
    let mut m = at(vec![PushEvent::Enable, login("alice")]);
    assert_eq!(m.state(), PushState::NoToken);
    assert!(m.handle(0, PushEvent::Kicked).unwrap().is_empty());
    assert_eq!(
        m.state(),
        PushState::NoToken,
        "no token arrived: nothing is ready"
    );
}

#[test]
fn t2_new_token_during_a_user_switch_waits_for_the_unregister_result() {
    let mut m = registered();
    assert_eq!(
        m.handle(0, login("bob")).unwrap(),
        vec![PushAction::Unregister {
            user_id: "alice".into()
        }]
    );
    assert!(
        m.handle(0, token("t2")).unwrap().is_empty(),
        "bob's report must not overtake alice's unregister"
    );
    assert_eq!(m.state(), PushState::Unregistering);
    assert_eq!(
        m.handle(0, PushEvent::UnregisterResult { ok: true })
            .unwrap(),
        vec![report("t2", "bob")]
    );
}

#[test]
fn t4_an_unreadable_state_file_is_an_io_error_naming_it() {
    let store = temp_store("unreadable");
    // A folder where the file should be: reading fails, and not as "no file yet".
    std::fs::create_dir_all(store.path()).unwrap();
    let error = store.load(PushVendor::Apns).unwrap_err();
    let shown = store.path().display().to_string();
    assert!(
        matches!(error, PushError::Io { ref path, .. } if *path == shown),
        "{error:?}"
    );
}

#[test]
fn t2_config_change_outside_the_registration_key_reports_nothing() {
    let mut m = registered();
    let certificate_checked = PushChannelConfig {
        certificate_environment: Some(ApnsEnvironment::Production),
        ..apns()
    };
    assert!(m
        .handle(
            0,
            PushEvent::Config {
                config: certificate_checked
            }
        )
        .unwrap()
        .is_empty());
    assert_eq!(m.state(), PushState::Registered);
    let new_version = PushChannelConfig {
        app_version: "2.0".into(),
        ..apns()
    };
    assert_eq!(
        m.handle(
            0,
            PushEvent::Config {
                config: new_version
            }
        )
        .unwrap(),
        vec![report("t1", "alice")],
        "the app version is part of the registration: report again"
    );
}
