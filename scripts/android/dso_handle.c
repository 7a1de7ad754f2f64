/* What the NDK's crtbegin_so.o gives a shared library, and all that
 * libimbridge.so needs of it: `__dso_handle`, the identity under which
 * __cxa_atexit and __cxa_thread_atexit_impl register destructors (Rust's
 * thread-local storage does), and running those destructors when the
 * library is unloaded. Compiled freestanding: no headers needed. */
extern void __cxa_finalize(void *dso);

__attribute__((visibility("hidden"))) void *__dso_handle = &__dso_handle;

__attribute__((destructor, used)) static void imbridge_on_unload(void) {
  __cxa_finalize(&__dso_handle);
}
