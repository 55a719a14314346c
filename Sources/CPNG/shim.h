// libpng through its simplified png_image_* API (no setjmp/longjmp, which Swift cannot handle).
#ifndef MINDSCOPE_CPNG_SHIM_H
#define MINDSCOPE_CPNG_SHIM_H
#include <png.h>
static inline png_uint_32 mindscope_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 mindscope_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline png_uint_32 mindscope_png_format_rgb(void) { return PNG_FORMAT_RGB; }
/// Write flag: no row filters and zlib level 3 (several times faster, somewhat larger files).
static inline png_uint_32 mindscope_png_image_flag_fast(void) { return PNG_IMAGE_FLAG_FAST; }
static inline size_t mindscope_png_image_size(png_imagep image) { return PNG_IMAGE_SIZE(*image); }
static inline int mindscope_png_image_failed(png_imagep image) { return PNG_IMAGE_FAILED(*image); }
/// An upper bound on the encoded size, so png_image_write_to_memory runs once into a buffer this big.
static inline size_t mindscope_png_image_png_size_max(png_imagep image) { return PNG_IMAGE_PNG_SIZE_MAX(*image); }
/// The error or warning text libpng left in the image (a fixed char array Swift imports as a tuple).
static inline const char *mindscope_png_image_message(png_imagep image) { return image->message; }
#endif
