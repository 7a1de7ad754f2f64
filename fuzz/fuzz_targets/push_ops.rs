//! T2–T5 as event sequences against one channel: a report always carries
//! the current token and user, nothing is registered while logged out,
//! backoff stays within 30 s–8 h, an unregister and a report are never
//! asked for together, Disabled asks for nothing (enable at most for the
//! kept token's report), the state survives a save and load unchanged, and
//! no part of the token ever shows in `Debug`.
#![no_main]
use arbitrary::{Result, Unstructured};
use imbridge_core::push::defaults;
use imbridge_core::push::{
    PushAction, PushChannelConfig, PushEvent, PushMachine, PushState, PushStore, PushVendor,
};
use imbridge_core::redact::Secret;
use libfuzzer_sys::fuzz_target;

const TOKENS: [&str; 2] = ["QwXyZvTuSrPqNmLkJhGgFfEe", "ZzYyXxWwVvUuTtSsRrQqPpOo"];

fn event(u: &mut Unstructured<'_>) -> Result<PushEvent> {
    Ok(match u.int_in_range(0..=11)? {
        0 => PushEvent::Enable,
        1 => PushEvent::Disable,
        2 => PushEvent::Token {
            token: Secret::new(*u.choose(&TOKENS)?),
        },
        3 => PushEvent::Login {
            user_id: (*u.choose(&["alice", "bob"])?).to_string(),
        },
        4 => PushEvent::Logout,
        5 => PushEvent::Kicked,
        6 => PushEvent::ReportResult {
            ok: u.arbitrary()?,
            retryable: u.arbitrary()?,
            reason: None,
        },
        7 => PushEvent::UnregisterResult { ok: u.arbitrary()? },
        8 => PushEvent::Background {
            unread: u.int_in_range(0..=99)?,
        },
        9 => PushEvent::Foreground,
        10 => PushEvent::Tick,
        _ => PushEvent::Config {
            config: PushChannelConfig {
                app_version: (*u.choose(&["1.0", "2.0"])?).to_string(),
                ..config()
            },
        },
    })
}

fn config() -> PushChannelConfig {
    serde_json::from_value(
        serde_json::json!({"vendor": "fcm", "business_id": 7, "app_version": "1.0"}),
    )
    .unwrap()
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let mut machine = PushMachine::new(config()).unwrap();
    let store = PushStore::at(std::env::temp_dir().join(format!(
        "imbridge-fuzz-push-ops-{}.json",
        std::process::id()
    )));
    let mut now = 0u64;
    while !u.is_empty() {
        now += u.int_in_range(0..=10_000_000u64)?;
        let event = event(u)?;
        let was_disabled = machine.state() == PushState::Disabled;
        let is_enable = event == PushEvent::Enable;
        let actions = machine.handle(now, event).unwrap();
        if matches!(
            machine.state(),
            PushState::Registered | PushState::Registering | PushState::RetryWait
        ) {
            assert!(
                machine.logged_in(),
                "{:?} while logged out",
                machine.state()
            );
        }
        for action in &actions {
            match action {
                PushAction::Report {
                    token,
                    user_id,
                    business_id,
                } => {
                    assert_eq!(Some(token), machine.facts().token.as_ref());
                    assert_eq!(Some(user_id), machine.facts().user.as_ref());
                    assert_eq!(*business_id, 7);
                }
                PushAction::ScheduleRetry { at_ms } => {
                    let wait = at_ms - now;
                    assert!((defaults::MIN_BACKOFF_MS..=defaults::MAX_BACKOFF_MS).contains(&wait));
                }
                _ => {}
            }
        }
        let unregisters = actions
            .iter()
            .any(|a| matches!(a, PushAction::Unregister { .. }));
        let reports = actions
            .iter()
            .any(|a| matches!(a, PushAction::Report { .. }));
        assert!(
            !(unregisters && reports),
            "unregister and report together: {actions:?}"
        );
        if was_disabled && machine.state() == PushState::Disabled {
            assert!(actions.is_empty(), "{actions:?} while disabled");
        }
        if was_disabled && is_enable {
            assert!(
                actions
                    .iter()
                    .all(|a| matches!(a, PushAction::Report { .. })),
                "{actions:?}"
            );
        }
        let shown = format!("{machine:?} {actions:?} {:?}", machine.status());
        for token in TOKENS {
            for i in 0..=token.len() - 6 {
                assert!(
                    !shown.contains(&token[i..i + 6]),
                    "part of a token shown: {shown}"
                );
            }
        }
    }
    store.save(PushVendor::Fcm, machine.facts()).unwrap();
    let (restored, problem) = PushMachine::restore(config(), &store).unwrap();
    assert_eq!(problem, None);
    assert_eq!(
        restored.facts(),
        machine.facts(),
        "the state did not survive a save and load"
    );
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
