//! Uses what every Rust library pulls in — allocation, formatting,
//! panics caught at the boundary — so its archive carries the same runtime
//! symbols imbridge's would.
#![allow(unsafe_code)]

/// A C entry point, as an SDK's FFI would have.
#[no_mangle]
pub extern "C" fn second_rust_lib_answer(n: u32) -> u32 {
    std::panic::catch_unwind(|| {
        let text = format!("{n}-{}", vec![n; 3].iter().sum::<u32>());
        u32::try_from(text.len()).unwrap_or(0)
    })
    .unwrap_or(0)
}
