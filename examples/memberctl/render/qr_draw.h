/*
 * qr_draw.h - a QR code drawn as terminal text: two module rows per line with
 * the half blocks U+2580 (upper), U+2584 (lower), U+2588 (full) and spaces,
 * the 4-module quiet zone all round included. Pure: no core calls.
 */
#ifndef MEMBERCTL_QR_DRAW_H
#define MEMBERCTL_QR_DRAW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define QR_DRAW_QUIET 4 /* modules of light border on each side */

/*
 * Write the code (width x width modules, row-major, 1 = dark) to out as
 * (width + 8) columns by (width + 9) / 2 lines, each ending in '\n'. By
 * default the blocks are the light modules and the quiet zone, for the usual
 * light-on-dark terminal (as qrencode -t UTF8 draws); invert draws the dark
 * modules as blocks, for a dark-on-light one. Below an odd last row nothing
 * is drawn.
 */
void qr_draw_text(const uint8_t *modules, int32_t width, bool invert, FILE *out);

#endif /* MEMBERCTL_QR_DRAW_H */
