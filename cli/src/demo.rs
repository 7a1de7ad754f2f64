//! `imbridge demo`: a scripted session through every domain on built-in
//! defaults, printed step by step for a newcomer.

use imbridge_core::dispatch::{
    DispatchCore, DispatchEvent, DispatchMode, Dispatcher, Listener, ListenerFailed,
};
use imbridge_core::doctor::{diagnose, export_snapshot, AppFacts, Live, MessageFacts, Severity};
use imbridge_core::init::{InitConfig, ProcessFacts, Registry};
use imbridge_core::message::{red_packet, ConversationId, GroupMessage, Priority};
use imbridge_core::outbox::{Outbox, OutboxLimits, Outgoing};
use imbridge_core::push::{ApnsEnvironment, PushChannelConfig, PushEvent, PushMachine, PushVendor};
use imbridge_core::redact::Secret;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn step(n: u32, title: &str) {
    println!(
        "\n── {n}. {title} {}",
        "─".repeat(60usize.saturating_sub(title.len()))
    );
}

/// Counts the messages it sees; consumes them when `consume` (chain mode).
struct Screen {
    name: &'static str,
    seen: AtomicUsize,
    consume: bool,
}

impl Listener for Screen {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        if let DispatchEvent::NewMessages { messages } = event {
            self.seen.fetch_add(messages.len(), Ordering::SeqCst);
            println!(
                "   {} got a batch of {} message(s)",
                self.name,
                messages.len()
            );
        }
        Ok(self.consume)
    }
}

fn incoming(seq: u32, to: &str) -> String {
    format!(
        r#"{{"From_Account":"alice","To_Account":"{to}","MsgSeq":{seq},"MsgRandom":{seq},"MsgTime":1700000000,"MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"hello {seq}"}}}}]}}"#
    )
}

/// Runs the demo; any unexpected refusal ends it with exit 1.
pub fn run() -> ExitCode {
    match session() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error[demo]: {e}");
            ExitCode::FAILURE
        }
    }
}

fn session() -> Result<(), String> {
    let data_dir = std::env::temp_dir().join(format!("imbridge-demo-{}", std::process::id()));
    let registry = Registry::new();
    let config = InitConfig {
        sdk_app_id: 1_400_000_001,
        data_dir: data_dir.display().to_string(),
    };

    step(1, "Init: only in the main process (SPEC I1–I3)");
    let push_process = ProcessFacts {
        current: Some("com.example.chat:push".into()),
        main: Some("com.example.chat".into()),
    };
    match registry.init(config.clone(), push_process) {
        Err(e) => println!("   :push process → refused: {e}"),
        Ok(_) => return Err("init in :push must be refused".into()),
    }
    let main = ProcessFacts {
        current: Some("com.example.chat".into()),
        main: Some("com.example.chat".into()),
    };
    let instance = registry.init(config, main).map_err(|e| e.to_string())?;
    println!(
        "   main process → initialised; lock held at {}",
        data_dir.join("imbridge.lock").display()
    );

    step(2, "Login (SPEC I4)");
    instance
        .with_login("login", |l| l.begin_login("bob").map(drop))
        .map_err(|e| e.to_string())?;
    instance
        .with_login("login", |l| l.login_succeeded().map(drop))
        .map_err(|e| e.to_string())?;
    println!(
        "   bob is {}",
        instance.login_state().map_err(|e| e.to_string())?
    );

    step(3, "Push token registration (SPEC T1–T4)");
    let apns = PushChannelConfig {
        vendor: Some(PushVendor::Apns),
        business_id: 12345,
        environment: Some(ApnsEnvironment::Production),
        app_version: "1.0".into(),
        ..PushChannelConfig::default()
    };
    let mut push = PushMachine::new(apns).map_err(|e| e.to_string())?;
    for (t, event) in [
        (0, PushEvent::Enable),
        (
            10,
            PushEvent::Token {
                token: Secret::new("a1b2c3-apns-device-token"),
            },
        ),
        (
            20,
            PushEvent::Login {
                user_id: "bob".into(),
            },
        ),
        (
            30,
            PushEvent::ReportResult {
                ok: true,
                retryable: false,
                reason: None,
            },
        ),
    ] {
        let name = event.name();
        let actions = push.handle(t, event).map_err(|e| e.to_string())?;
        println!(
            "   {name:<14} → {:<12} actions: {actions:?}",
            push.state().name()
        );
    }
    println!("   (the token shows only as a fingerprint: logs never carry it)");

    step(
        4,
        "A red packet and a burst of gifts at the group limit (SPEC M8, P1–P4)",
    );
    let packet = red_packet(888, "Happy new year", None).map_err(|e| e.to_string())?;
    let body = GroupMessage {
        msg_priority: Some(packet.priority),
        ..GroupMessage::new("@TGS#_party", 1, vec![packet.element])
    };
    println!(
        "   red packet body: {}",
        body.encode(None, &Default::default())
            .map_err(|e| e.to_string())?
    );
    let mut outbox = Outbox::new(OutboxLimits {
        lowest_max_wait_ms: 500,
        ..OutboxLimits::default()
    })
    .map_err(|e| e.to_string())?;
    let group = ConversationId::Group {
        group_id: "@TGS#_party".into(),
    };
    for i in 0..60 {
        let gift = Outgoing {
            id: format!("gift-{i}"),
            conversation: group.clone(),
            priority: Priority::Lowest,
        };
        outbox.admit(0, gift).map_err(|e| e.to_string())?;
    }
    let packet_out = Outgoing {
        id: "red-packet".into(),
        conversation: group,
        priority: Priority::High,
    };
    outbox.admit(0, packet_out).map_err(|e| e.to_string())?;
    let mut now = 0;
    loop {
        let poll = outbox.poll(now);
        if !poll.released.is_empty() {
            let first = poll
                .released
                .first()
                .map(|r| r.id.as_str())
                .unwrap_or_default();
            println!(
                "   t={now:>4} ms: sent {:>2} (first: {first})",
                poll.released.len()
            );
        }
        if let Some(shed) = poll.shed.first() {
            println!(
                "   t={now:>4} ms: shed {:>2} gifts — {}",
                poll.shed.len(),
                shed.reason
            );
        }
        match poll.next_poll_ms {
            Some(next) => now = next,
            None => break,
        }
    }
    let s = outbox.stats();
    println!(
        "   admitted {} = sent {} + shed {} (nothing lost silently)",
        s.admitted, s.released, s.shed
    );

    step(5, "Receiving: observer and chain modes (SPEC D1–D7, M7)");
    let dispatcher = Dispatcher::default();
    dispatcher.set_user(Some("bob".into()));
    let chat = Arc::new(Screen {
        name: "chat screen",
        seen: AtomicUsize::new(0),
        consume: true,
    });
    let badge = Arc::new(Screen {
        name: "badge counter",
        seen: AtomicUsize::new(0),
        consume: false,
    });
    dispatcher.add_listener(chat.clone()).detach();
    dispatcher.add_listener(badge.clone()).detach();
    let batch = [
        incoming(1, "bob"),
        incoming(2, "bob"),
        incoming(2, "bob"),
        incoming(3, "dave"),
    ];
    let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
    println!("   observer mode, 4 messages in (one duplicate, one for dave):");
    let report = dispatcher.receive_json(1_000, &refs, None);
    for dropped in &report.dropped {
        println!(
            "   message #{} not delivered: {}",
            dropped.index, dropped.reason
        );
    }
    dispatcher.set_mode(DispatchMode::Chain);
    println!("   chain mode, the chat screen returns true:");
    dispatcher.receive_json(2_000, &[&incoming(4, "bob")], None);
    let dropped: std::collections::BTreeMap<_, _> =
        dispatcher.stats().dropped.into_iter().collect();
    println!("   counters: {dropped:?}");

    step(6, "Doctor on a broken setup (SPEC G)");
    let mut broken = DispatchCore::default();
    broken.set_user(Some("bob".into()));
    let snapshot = export_snapshot(
        &Live {
            instance: Some(&instance),
            dispatcher: Some(&broken),
            channels: vec![&push],
        },
        AppFacts {
            main_process: Some("com.example.chat".into()),
            message: Some(MessageFacts {
                body: serde_json::json!({
                    "SyncOtherMachine": 1, "From_Account": "alice", "To_Account": "bob",
                    "MsgSeq": 5, "MsgRandom": 5, "MsgLifeTime": 0,
                    "MsgBody": [{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "{\"kind\":\"order\"}"}}]
                }),
                status: Some(2),
                server_key: Some("5_5_1700000000".into()),
                ..MessageFacts::default()
            }),
            ..AppFacts::default()
        },
    );
    for f in diagnose(&snapshot) {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        println!("   {level} {}: {}\n       fix: {}", f.id, f.evidence, f.fix);
    }
    println!("\n   The same diagnosis runs offline: imbridge doctor examples/snapshots/q2.no_listener.json");

    registry.uninit().map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&data_dir);
    Ok(())
}
