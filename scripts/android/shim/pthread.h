/* bionic's pthread_rwlock_t: 56 bytes on 64-bit, 40 on 32-bit; a static
 * initialiser of all zeros. */
#ifndef IMBRIDGE_SHIM_PTHREAD_H
#define IMBRIDGE_SHIM_PTHREAD_H
#include "bionic.h"
typedef struct {
#ifdef __LP64__
  int32_t __private[14];
#else
  int32_t __private[10];
#endif
} pthread_rwlock_t;
#define PTHREAD_RWLOCK_INITIALIZER { { 0 } }
IMBRIDGE_SHIM_C int pthread_rwlock_rdlock(pthread_rwlock_t *lock);
IMBRIDGE_SHIM_C int pthread_rwlock_wrlock(pthread_rwlock_t *lock);
IMBRIDGE_SHIM_C int pthread_rwlock_unlock(pthread_rwlock_t *lock);
#endif
