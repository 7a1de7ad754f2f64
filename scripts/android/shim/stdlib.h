#ifndef IMBRIDGE_SHIM_STDLIB_H
#define IMBRIDGE_SHIM_STDLIB_H
#include "bionic.h"
IMBRIDGE_SHIM_C void abort(void) __attribute__((__noreturn__));
IMBRIDGE_SHIM_C char *getenv(const char *name);
IMBRIDGE_SHIM_C void *malloc(size_t size);
IMBRIDGE_SHIM_C void *calloc(size_t count, size_t size);
IMBRIDGE_SHIM_C void *realloc(void *p, size_t size);
IMBRIDGE_SHIM_C void free(void *p);
#define alloca(size) __builtin_alloca(size)
#endif
