/* printf formats for the fixed-width types, as bionic defines them. */
#ifndef IMBRIDGE_SHIM_INTTYPES_H
#define IMBRIDGE_SHIM_INTTYPES_H
#include "bionic.h"
#ifdef __LP64__
#define IMBRIDGE_PRI64 "l"
#define IMBRIDGE_PRIPTR "l"
#else
#define IMBRIDGE_PRI64 "ll"
#define IMBRIDGE_PRIPTR ""
#endif
#define PRId64 IMBRIDGE_PRI64 "d"
#define PRIu64 IMBRIDGE_PRI64 "u"
#define PRIx64 IMBRIDGE_PRI64 "x"
#define PRIu32 "u"
#define PRIx32 "x"
#define PRIdPTR IMBRIDGE_PRIPTR "d"
#define PRIuPTR IMBRIDGE_PRIPTR "u"
#define PRIxPTR IMBRIDGE_PRIPTR "x"
#endif
