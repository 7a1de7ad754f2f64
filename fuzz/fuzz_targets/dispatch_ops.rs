//! D1–D7 as operation sequences against the reference model shared with
//! the proptest (`core/tests/model/dispatch.rs`): any loss, duplication,
//! reordering or counter difference aborts.
#![no_main]
#[path = "../../core/tests/model/dispatch.rs"]
mod model;

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use model::{Behaviour, Op, GROUPS, TEMPLATES, USERS};

fn op(u: &mut Unstructured<'_>) -> Result<Op> {
    Ok(match u.int_in_range(0..=11)? {
        0 => Op::SetUser(if u.arbitrary()? {
            Some(u.choose_index(USERS.len())?)
        } else {
            None
        }),
        1 => Op::Join(u.choose_index(GROUPS.len())?),
        2 => Op::Leave(u.choose_index(GROUPS.len())?),
        3 => Op::Mode(u.arbitrary()?),
        4 | 5 => Op::Add(*u.choose(&[
            Behaviour::Observe,
            Behaviour::Observe,
            Behaviour::Consume,
            Behaviour::Throw,
        ])?),
        6 => Op::Remove(u.int_in_range(0..=7)?),
        _ => {
            let advance_ms = *u.choose(&[0u64, 1_000, 130_000, 400_000])?;
            let n = u.int_in_range(0..=5)?;
            let batch = (0..n)
                .map(|_| u.choose_index(TEMPLATES.len()))
                .collect::<Result<Vec<_>>>()?;
            Op::Receive { advance_ms, batch }
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut ops = Vec::new();
    while !u.is_empty() && ops.len() < 200 {
        match op(&mut u) {
            Ok(op) => ops.push(op),
            Err(_) => break,
        }
    }
    if let Err(difference) = model::run(&ops) {
        panic!("dispatcher and model differ: {difference}\nops: {ops:?}");
    }
});
