#ifndef DEBRIEF_CDEFLATE_SHIM_H
#define DEBRIEF_CDEFLATE_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro; windowBits 15 + 32 detects gzip and zlib headers.
static inline int debrief_inflate_init(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
