#ifndef IMBRIDGE_SHIM_STRING_H
#define IMBRIDGE_SHIM_STRING_H
#include "bionic.h"
IMBRIDGE_SHIM_C void *memcpy(void *dst, const void *src, size_t n);
IMBRIDGE_SHIM_C void *memmove(void *dst, const void *src, size_t n);
IMBRIDGE_SHIM_C void *memset(void *dst, int c, size_t n);
IMBRIDGE_SHIM_C int strcmp(const char *a, const char *b);
IMBRIDGE_SHIM_C size_t strlen(const char *s);
IMBRIDGE_SHIM_C char *strcpy(char *dst, const char *src);
#endif
