/* rules/image.c - a JPEG or PNG image recognised by its first bytes (pure). */
#include "rules/image.h"

#include <string.h>

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static mci_image_info none(const char *why)
{
    mci_image_info info = {MCI_IMAGE_NONE, 0, 0, why};
    return info;
}

static mci_image_info sniff_png(const uint8_t *p, size_t len)
{
    /* signature (8), then the first chunk: length 13, "IHDR", its 13 bytes, CRC */
    if (len < 8 + 8 + 13)
        return none("a PNG cut short before its header");
    if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
        return none("a PNG signature without an IHDR header");
    const uint8_t *h = p + 16;
    uint32_t width = be32(h), height = be32(h + 4);
    uint8_t depth = h[8], colour = h[9];
    if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu)
        return none("a PNG header with impossible dimensions");
    int depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    int colour_ok = colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6;
    if (!depth_ok || !colour_ok || h[10] != 0 || h[11] != 0 || h[12] > 1)
        return none("a PNG header with an invalid pixel format");
    mci_image_info info = {MCI_IMAGE_PNG, width, height, NULL};
    return info;
}

/* A start-of-frame marker: baseline, extended, progressive, lossless, arithmetic (not DHT
 * C4, JPG C8, DAC CC). */
static int is_sof(uint8_t m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static mci_image_info sniff_jpeg(const uint8_t *p, size_t len)
{
    size_t at = 2; /* after SOI */
    for (;;) {
        if (at >= len)
            return none("a JPEG without a frame header in its first bytes");
        if (p[at] != 0xFF)
            return none("a JPEG with a broken marker");
        while (at < len && p[at] == 0xFF) /* fill bytes */
            at++;
        if (at >= len)
            return none("a JPEG cut short");
        uint8_t m = p[at++];
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; /* standalone markers */
        if (m == 0xD8 || m == 0xD9 || m == 0xDA || m == 0x00)
            return none("a JPEG whose data starts before its frame header");
        if (at + 2 > len)
            return none("a JPEG cut short");
        uint32_t seg = be16(p + at);
        if (seg < 2)
            return none("a JPEG with a broken segment length");
        if (is_sof(m)) {
            if (seg < 8 || at + 7 > len)
                return none("a JPEG with a short frame header");
            uint32_t height = be16(p + at + 3), width = be16(p + at + 5);
            if (width == 0 || height == 0)
                return none("a JPEG frame header with no dimensions");
            mci_image_info info = {MCI_IMAGE_JPEG, width, height, NULL};
            return info;
        }
        at += seg;
    }
}

mci_image_info mci_image_sniff(const uint8_t *head, size_t len)
{
    static const uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (head == NULL || len == 0)
        return none("an empty file");
    if (len >= 8 && memcmp(head, png_sig, 8) == 0)
        return sniff_png(head, len);
    if (len >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        return sniff_jpeg(head, len);
    return none("its bytes are neither (a file's name does not count)");
}

const char *mci_image_content_type(mci_image_type type)
{
    return type == MCI_IMAGE_JPEG ? "image/jpeg" : type == MCI_IMAGE_PNG ? "image/png" : NULL;
}

const char *mci_image_extension(mci_image_type type)
{
    return type == MCI_IMAGE_JPEG ? ".jpg" : type == MCI_IMAGE_PNG ? ".png" : "";
}
