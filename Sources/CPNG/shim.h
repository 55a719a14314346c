// libpng through its simplified png_image_* API (no setjmp/longjmp, which Swift cannot handle).
#ifndef MINDSCOPE_CPNG_SHIM_H
#define MINDSCOPE_CPNG_SHIM_H
#include <png.h>
static inline png_uint_32 mindscope_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 mindscope_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline size_t mindscope_png_image_size(png_imagep image) { return PNG_IMAGE_SIZE(*image); }
static inline int mindscope_png_image_failed(png_imagep image) { return PNG_IMAGE_FAILED(*image); }
#endif
