// FreeType 2 for anti-aliased text rendering.
#ifndef MINDSCOPE_CFREETYPE_SHIM_H
#define MINDSCOPE_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
static inline FT_Int32 mindscope_ft_load_render(void) { return FT_LOAD_RENDER; }
static inline FT_Int32 mindscope_ft_load_default(void) { return FT_LOAD_DEFAULT; }
#endif
