//! `uniffi-bindgen` built from this workspace's pinned uniffi, so the
//! generated Kotlin/Swift always match the runtime in `libimbridge`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
