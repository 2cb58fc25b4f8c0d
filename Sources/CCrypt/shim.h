// CCrypt: the system's libxcrypt (crypt_gensalt_ra, crypt_ra) for PIN hashing,
// plus a wipe helper that the optimiser may not remove.
#ifndef CCRYPT_SHIM_H
#define CCRYPT_SHIM_H

#include <crypt.h>
#include <stddef.h>

/// Overwrites `count` bytes at `pointer` with zeros through a volatile pointer,
/// so the stores survive optimisation even when the buffer is freed next.
/// Used to wipe copies of a PIN and libxcrypt's work area. NULL is ignored.
static inline void ccrypt_wipe(void *pointer, size_t count) {
    if (pointer == NULL) return;
    volatile unsigned char *p = (volatile unsigned char *)pointer;
    while (count > 0) {
        *p++ = 0;
        count--;
    }
}

#endif
