//! Where this library was loaded from, so the JVM loads it only once.
//!
//! On a desktop JVM, JNA finds `libimbridge.so` by itself (a jar resource
//! it extracts to a temporary file, `jna.library.path`, the system paths),
//! while the JNI fast path needs `System.load` of a file. Two files would
//! be two copies of the library, each with its own dispatcher registry, so
//! the Kotlin side asks the copy JNA loaded for its own path and loads
//! exactly that file (`dlopen` of a loaded path returns the same copy).
#![allow(unsafe_code)] // dladdr is a C call; its result is read once, checked.

/// The file this native library was loaded from, as the dynamic linker
/// knows it; `null`/`nil` where it cannot tell (Android's APK-embedded
/// libraries, non-Unix platforms). The JVM layer uses it to load the
/// library once for JNI and JNA alike.
#[uniffi::export]
pub fn native_library_path() -> Option<String> {
    loaded_from()
}

#[cfg(all(unix, not(target_os = "android")))]
fn loaded_from() -> Option<String> {
    use std::ffi::CStr;
    let mut info = std::mem::MaybeUninit::<libc::Dl_info>::zeroed();
    // Any address inside this library: the function itself.
    let address = native_library_path as *const libc::c_void;
    // SAFETY: dladdr only writes into `info`; a zero return leaves it unused.
    let found = unsafe { libc::dladdr(address, info.as_mut_ptr()) };
    if found == 0 {
        return None;
    }
    // SAFETY: dladdr returned non-zero, so `info` is initialised.
    let info = unsafe { info.assume_init() };
    if info.dli_fname.is_null() {
        return None;
    }
    // SAFETY: dli_fname is a NUL-terminated string owned by the dynamic linker.
    let name = unsafe { CStr::from_ptr(info.dli_fname) };
    name.to_str().ok().map(str::to_string)
}

#[cfg(not(all(unix, not(target_os = "android"))))]
fn loaded_from() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(unix, not(target_os = "android")))]
    fn the_path_names_an_existing_file_holding_this_code() {
        let path = native_library_path().unwrap();
        assert!(std::path::Path::new(&path).is_file(), "{path}");
    }
}
