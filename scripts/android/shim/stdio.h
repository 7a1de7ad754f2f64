/* Only what libunwind's diagnostics use. Bionic exports `stderr` from API
 * 23 on; below that it is a macro over `__sF`, whose layout is private. So
 * the diagnostics go to logcat (liblog, tag "libunwind") instead. */
#ifndef IMBRIDGE_SHIM_STDIO_H
#define IMBRIDGE_SHIM_STDIO_H
#include "bionic.h"
typedef struct imbridge_shim_file FILE;
#define stderr ((FILE *)0)
IMBRIDGE_SHIM_C int __android_log_print(int priority, const char *tag, const char *fmt, ...);
IMBRIDGE_SHIM_C int snprintf(char *buf, size_t size, const char *fmt, ...);
#define fprintf(stream, ...) __android_log_print(6 /* ANDROID_LOG_ERROR */, "libunwind", __VA_ARGS__)
#define fflush(stream) ((void)(stream), 0)
#endif
