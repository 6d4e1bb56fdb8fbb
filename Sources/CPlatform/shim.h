#ifndef DEBRIEF_CPLATFORM_SHIM_H
#define DEBRIEF_CPLATFORM_SHIM_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// Asks glibc to hand freed memory back to the system sooner (no effect elsewhere). Parsing on
/// several threads frees many short-lived strings; without this the peak RSS keeps their pages.
static inline void debrief_return_memory_early(int threshold_bytes) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, threshold_bytes);
#else
    (void)threshold_bytes;
#endif
}
#endif
