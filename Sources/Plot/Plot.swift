/// Plot: an RGBA raster canvas, text, axes and charts rendered to PNG files.
