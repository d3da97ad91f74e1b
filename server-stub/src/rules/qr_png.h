/* rules/qr_png.h - a QR code of a text as a PNG image (libqrencode, libpng), in memory. */
#ifndef MS_QR_PNG_H
#define MS_QR_PNG_H

#include <stddef.h>
#include <stdint.h>

/* Pixels per module in the image (a 42-byte payload, version 3: 29 + 8 modules, 296 px). */
#define MS_QR_PNG_SCALE 8

/*
 * The QR code of text (byte mode, level M, the smallest version that fits, as
 * the app draws it) with its 4-module quiet zone, MS_QR_PNG_SCALE pixels a
 * module, as an 8-bit grayscale PNG file's bytes: *out (malloc'd, the caller
 * frees it) and *len. No I/O. 0, or -1 (text empty or too long, or out of
 * memory) with *out NULL.
 */
int ms_qr_png(const char *text, uint8_t **out, size_t *len);

#endif
