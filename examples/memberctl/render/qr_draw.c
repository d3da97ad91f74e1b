/*
 * qr_draw.c - a QR code as half-block terminal text (see qr_draw.h).
 */
#include "render/qr_draw.h"

#define UPPER "\u2580"
#define LOWER "\u2584"
#define FULL  "\u2588"

/* Is the module at (x, y) of the code with its quiet zone dark? */
static bool dark_at(const uint8_t *modules, int32_t width, int32_t x, int32_t y)
{
    x -= QR_DRAW_QUIET;
    y -= QR_DRAW_QUIET;
    if (x < 0 || y < 0 || x >= width || y >= width)
        return false;
    return modules[(size_t)y * (size_t)width + (size_t)x] != 0;
}

void qr_draw_text(const uint8_t *modules, int32_t width, bool invert, FILE *out)
{
    int32_t side = width + 2 * QR_DRAW_QUIET;
    for (int32_t y = 0; y < side; y += 2) {
        for (int32_t x = 0; x < side; x++) {
            /* Inked: drawn as a block (light modules, or dark ones inverted). */
            bool top = dark_at(modules, width, x, y) == invert;
            bool bottom = y + 1 < side && dark_at(modules, width, x, y + 1) == invert;
            fputs(top ? (bottom ? FULL : UPPER) : (bottom ? LOWER : " "), out);
        }
        fputc('\n', out);
    }
}
