/* rules/qr_png.c - a QR code of a text as a PNG image (libqrencode, libpng), in memory. */
#include "rules/qr_png.h"

#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* Modules of white border the QR standard asks for on every side. */
#define QUIET_ZONE 4

/* The code drawn black on white, QUIET_ZONE modules of margin, scale pixels a module. */
static uint8_t *draw(const QRcode *code, int scale, int *side)
{
    int modules = code->width + 2 * QUIET_ZONE;
    *side = modules * scale;
    uint8_t *pixels = malloc((size_t)*side * (size_t)*side);
    if (!pixels)
        return NULL;
    memset(pixels, 0xff, (size_t)*side * (size_t)*side);
    for (int y = 0; y < code->width; y++)
        for (int x = 0; x < code->width; x++) {
            if (!(code->data[y * code->width + x] & 1))
                continue;
            for (int dy = 0; dy < scale; dy++)
                memset(pixels + (size_t)((y + QUIET_ZONE) * scale + dy) * (size_t)*side +
                           (size_t)(x + QUIET_ZONE) * (size_t)scale,
                       0, (size_t)scale);
        }
    return pixels;
}

int ms_qr_png(const char *text, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (text[0] == '\0')
        return -1;
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code)
        return -1;
    int side = 0;
    uint8_t *pixels = draw(code, MS_QR_PNG_SCALE, &side);
    QRcode_free(code);
    if (!pixels)
        return -1;
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)side;
    image.height = (png_uint_32)side;
    image.format = PNG_FORMAT_GRAY;
    /* First the size (memory NULL), then the bytes. */
    png_alloc_size_t size = 0;
    int rc = -1;
    if (png_image_write_to_memory(&image, NULL, &size, 0, pixels, side, NULL) && size > 0) {
        uint8_t *png = malloc(size);
        if (png && png_image_write_to_memory(&image, png, &size, 0, pixels, side, NULL)) {
            *out = png;
            *len = size;
            rc = 0;
        } else {
            free(png);
        }
    }
    png_image_free(&image);
    free(pixels);
    return rc;
}
