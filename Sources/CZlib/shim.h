// zlib: raw DEFLATE (for .npz zip members) and gzip (for .nii.gz).
#ifndef MINDSCOPE_CZLIB_SHIM_H
#define MINDSCOPE_CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro in zlib.h; this wraps it as a function Swift can call.
static inline int mindscope_inflate_init2(z_streamp strm, int window_bits) {
    return inflateInit2(strm, window_bits);
}
static inline int mindscope_deflate_init2(z_streamp strm, int level, int window_bits) {
    return deflateInit2(strm, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
}
#endif
