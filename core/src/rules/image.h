/*
 * rules/image.h - what an image file is by its bytes, not its name: a PNG (signature and a
 * sane IHDR) or a JPEG (SOI, then well-formed markers up to a frame header with its
 * dimensions). Pure: the caller reads the file's first bytes.
 */
#ifndef MCI_RULES_IMAGE_H
#define MCI_RULES_IMAGE_H

#include <stddef.h>
#include <stdint.h>

/* How many leading bytes the sniffer wants (fewer when the file is shorter): a JPEG's
 * metadata segments (EXIF, ICC) come before its frame header. */
#define MCI_IMAGE_SNIFF_BYTES (1024 * 1024)

typedef enum mci_image_type {
    MCI_IMAGE_NONE = 0, /* not a JPEG or PNG image (or cut short before its header) */
    MCI_IMAGE_JPEG = 1,
    MCI_IMAGE_PNG = 2,
} mci_image_type;

typedef struct mci_image_info {
    mci_image_type type;
    uint32_t width, height; /* from the header; 0 for NONE */
    const char *why;        /* NONE: what was wrong, in words ("no JPEG frame header") */
} mci_image_info;

/* Sniff the first len bytes of a file (head). Pure. */
mci_image_info mci_image_sniff(const uint8_t *head, size_t len);

/* "image/jpeg", "image/png"; NULL for NONE. */
const char *mci_image_content_type(mci_image_type type);

/* The file name extension for the type: ".jpg", ".png"; "" for NONE. */
const char *mci_image_extension(mci_image_type type);

#endif
