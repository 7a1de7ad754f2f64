//! D1–D7 checked against a reference model, message by message
//! (`model/dispatch.rs`): random operation sequences — log in and out, join
//! and leave groups, add listeners that observe, consume or throw, remove
//! them, switch modes, receive batches at advancing times — run against the
//! real `Dispatcher` and the model. A lost, doubled or reordered message
//! fails, which the library's own counters cannot show.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "model/dispatch.rs"]
mod model;

use imbridge_core::message::C2C_DUPLICATE_WINDOW_MS;
use model::{run, Behaviour, Op, GROUPS, TEMPLATES, USERS};
use proptest::prelude::*;

fn op() -> impl Strategy<Value = Op> {
    let behaviour = prop_oneof![
        3 => Just(Behaviour::Observe),
        1 => Just(Behaviour::Consume),
        1 => Just(Behaviour::Throw),
    ];
    prop_oneof![
        1 => proptest::option::of(0..USERS.len()).prop_map(Op::SetUser),
        1 => (0..GROUPS.len()).prop_map(Op::Join),
        1 => (0..GROUPS.len()).prop_map(Op::Leave),
        1 => any::<bool>().prop_map(Op::Mode),
        2 => behaviour.prop_map(Op::Add),
        1 => (0usize..8).prop_map(Op::Remove),
        5 => (
            prop_oneof![Just(0u64), Just(1_000), Just(130_000), Just(400_000)],
            proptest::collection::vec(0..TEMPLATES.len(), 0..6)
        )
            .prop_map(|(advance_ms, batch)| Op::Receive { advance_ms, batch }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn d1_d7_dispatcher_matches_the_model_message_by_message(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        run(&ops).map_err(TestCaseError::fail)?;
    }
}

/// The cases the reliability audit's surviving mutants needed: the D7
/// buffer keeps the newest, and a batch arrives in order.
#[test]
fn d7_the_buffer_drops_the_oldest_and_batches_keep_their_order() {
    let ops = [
        Op::SetUser(Some(0)),
        Op::Receive {
            advance_ms: 0,
            batch: vec![0, 1],
        },
        Op::Receive {
            advance_ms: 0,
            batch: vec![3, 0],
        },
        Op::Join(0),
        Op::Receive {
            advance_ms: 0,
            batch: vec![4, 5],
        },
        Op::Add(Behaviour::Observe),
        Op::Receive {
            advance_ms: 0,
            batch: vec![1, 0, 3],
        },
        Op::Receive {
            advance_ms: C2C_DUPLICATE_WINDOW_MS,
            batch: vec![0, 1],
        },
    ];
    run(&ops).unwrap();
}
