/*
 * access/qr.c - QR codes of text with libqrencode (byte mode, level M, the smallest
 * version that fits), as modules or drawn into one grayscale bitmap with its quiet zone.
 */
#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "membercore/access.h"
#include "util/error.h"

/* Modules of white border the QR standard asks for on every side. */
#define QUIET_ZONE 4
#define SCALE_MAX  64

static mc_status encode(const char *text, QRcode **code, mc_error *err)
{
    if (text == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "text is NULL");
    if (text[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "text is empty");
    errno = 0;
    *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (*code != NULL)
        return MC_OK;
    if (errno == ENOMEM)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory encoding a QR code");
    if (errno == ERANGE)
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "text is too long for a QR code (%zu bytes; at most 2331 at level M)",
                             strlen(text));
    return mci_error_set(err, MC_ERR_INVALID_ARG, "text cannot be encoded as a QR code");
}

/* The mc_qr and its modules are one allocation. */
mc_status mc_qr_encode(const char *text, mc_qr **out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    QRcode *code = NULL;
    mc_status st = encode(text, &code, err);
    if (st != MC_OK)
        return st;
    size_t n = (size_t)code->width * (size_t)code->width;
    mc_qr *qr = malloc(sizeof *qr + n);
    if (qr == NULL) {
        QRcode_free(code);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory encoding a QR code");
    }
    qr->version = code->version;
    qr->width = code->width;
    qr->modules = (uint8_t *)(qr + 1);
    /* libqrencode's other bits say what each module is (finder, timing, data). */
    for (size_t i = 0; i < n; i++)
        qr->modules[i] = code->data[i] & 1;
    QRcode_free(code);
    *out = qr;
    return MC_OK;
}

void mc_qr_free(mc_qr *qr)
{
    free(qr);
}

/* Draw code into pixels (side x side, side = (width + 8) * scale) in one pass: each
 * module row is drawn once and its scale - 1 copies are memcpy'd below it. */
static void draw(const QRcode *code, int32_t scale, int32_t side, uint8_t *pixels)
{
    size_t row_bytes = (size_t)side;
    size_t margin = (size_t)QUIET_ZONE * (size_t)scale;
    size_t s = (size_t)scale;
    uint8_t *p = pixels;
    memset(p, 255, margin * row_bytes);
    p += margin * row_bytes;
    const unsigned char *m = code->data;
    for (int32_t y = 0; y < code->width; y++) {
        uint8_t *row = p;
        memset(row, 255, margin);
        uint8_t *q = row + margin;
        for (int32_t x = 0; x < code->width; x++, q += s)
            memset(q, (*m++ & 1) ? 0 : 255, s);
        memset(q, 255, margin);
        p += row_bytes;
        for (int32_t k = 1; k < scale; k++, p += row_bytes)
            memcpy(p, row, row_bytes);
    }
    memset(p, 255, margin * row_bytes);
}

/* The mc_bitmap and its pixels are one allocation. */
mc_status mc_qr_bitmap(const char *text, int32_t scale, mc_bitmap **out, mc_error *err)
{
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if (scale < 1 || scale > SCALE_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "scale must be 1 to %d (got %d)", SCALE_MAX,
                             (int)scale);
    QRcode *code = NULL;
    mc_status st = encode(text, &code, err);
    if (st != MC_OK)
        return st;
    int32_t side = (code->width + 2 * QUIET_ZONE) * scale; /* at most 185 * 64 */
    mc_bitmap *bm = malloc(sizeof *bm + (size_t)side * (size_t)side);
    if (bm == NULL) {
        QRcode_free(code);
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory drawing a QR code");
    }
    bm->width = side;
    bm->height = side;
    bm->pixels = (uint8_t *)(bm + 1);
    draw(code, scale, side, bm->pixels);
    QRcode_free(code);
    *out = bm;
    return MC_OK;
}

void mc_bitmap_free(mc_bitmap *bitmap)
{
    free(bitmap);
}
