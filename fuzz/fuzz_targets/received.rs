//! Received messages: decoded alone and as a batch through the dispatcher
//! with a listener, so accepted input goes all the way to delivery (D3, D4).
#![no_main]
use imbridge_core::dispatch::{DispatchEvent, Dispatcher, Incoming, Listener, ListenerFailed};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

struct Count;
impl Listener for Count {
    fn on_event(&self, event: &DispatchEvent) -> Result<bool, ListenerFailed> {
        Ok(matches!(event, DispatchEvent::NewMessages { messages } if messages.is_empty()))
    }
}

fuzz_target!(|data: &[u8]| {
    static DISPATCHER: OnceLock<(Dispatcher, imbridge_core::dispatch::ListenerHandle)> =
        OnceLock::new();
    let (dispatcher, _) = DISPATCHER.get_or_init(|| {
        let d = Dispatcher::default();
        d.set_user(Some("bob".into()));
        d.join_group("@TGS#1ABC");
        let handle = d.add_listener(Arc::new(Count));
        (d, handle)
    });
    let json = String::from_utf8_lossy(data);
    let _ = Incoming::decode(&json);
    let _ = dispatcher.receive_json_array(0, &format!("[{json}]"), None);
    let _ = dispatcher.receive_json_array(0, &json, None);
});
