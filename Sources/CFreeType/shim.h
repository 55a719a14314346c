// FreeType 2 for anti-aliased text rendering.
#ifndef MINDSCOPE_CFREETYPE_SHIM_H
#define MINDSCOPE_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_GLYPH_H
static inline FT_Int32 mindscope_ft_load_render(void) { return FT_LOAD_RENDER; }
static inline FT_Int32 mindscope_ft_load_default(void) { return FT_LOAD_DEFAULT; }
/// Light (vertical-only) hinting: crisp baselines and x-heights, glyph shapes otherwise intact.
static inline FT_Int32 mindscope_ft_load_target_light(void) { return FT_LOAD_TARGET_LIGHT; }
static inline int mindscope_ft_has_kerning(FT_Face face) { return FT_HAS_KERNING(face) ? 1 : 0; }
static inline int mindscope_ft_pixel_mode_gray(void) { return FT_PIXEL_MODE_GRAY; }
#endif
