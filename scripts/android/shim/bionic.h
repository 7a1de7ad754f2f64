/* The common part of the shim headers: bionic's basic types. */
#ifndef IMBRIDGE_SHIM_BIONIC_H
#define IMBRIDGE_SHIM_BIONIC_H
#include <stddef.h>
#include <stdint.h>
#ifndef __BIONIC__
#define __BIONIC__ 1
#endif
#ifndef __ANDROID_API__
#define __ANDROID_API__ 21
#endif
#ifdef __cplusplus
#define IMBRIDGE_SHIM_C extern "C"
#else
#define IMBRIDGE_SHIM_C
#endif
#ifdef __LP64__
typedef long ssize_t;
#else
typedef int ssize_t;
#endif
#endif
