/*
 * tests/unit/test_access_codes.c - door codes and QR codes, pure: RFC 6238's SHA-256 vectors
 * through the core's truncation, the payload texts and their id and time rules, QR versions and
 * bitmaps, and a real decoder (zbarimg) reading back what the core drew.
 */
#include <cJSON.h>
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "access/codes.h"
#include "crypto/crypto.h"
#include "tempdir.h"

static const uint8_t secret[32] = {0x5c, 0x01, 0x9e, 0x42, 0x77, 0xa0, 0x13, 0xfe, 0x88, 0x2d, 0x61,
                                   0x09, 0xc4, 0x3b, 0xd5, 0x10, 0x6e, 0x97, 0x2a, 0xf1, 0x48, 0x83,
                                   0x0c, 0xbe, 0x35, 0x7d, 0xe9, 0x56, 0x1f, 0xa4, 0x62, 0xcb};

/* 32 characters, the longest id a payload may carry */
#define LONGEST_ID "crd_ABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    ck_assert_int_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    text[n] = '\0';
    fclose(f);
    return text;
}

/* The 8-digit code of HMAC-SHA256(key, msg), computed outside mc_access_payload. */
static void expected_code(const uint8_t *key, size_t key_len, const char *msg, char out[9])
{
    uint8_t mac[MCI_SHA256_LEN];
    ck_assert_int_eq(mci_hmac_sha256(key, key_len, (const uint8_t *)msg, strlen(msg), mac, NULL),
                     MC_OK);
    snprintf(out, 9, "%08" PRIu32, mci_access_truncate(mac));
}

/* HMAC-SHA256 through mbedTLS matches RFC 4231 (test cases 1 and 2). */
START_TEST(test_hmac_sha256_rfc4231)
{
    uint8_t mac[MCI_SHA256_LEN];
    char hex[2 * MCI_SHA256_LEN + 1];
    const char *msg = "what do ya want for nothing?";
    ck_assert_int_eq(
        mci_hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)msg, strlen(msg), mac, NULL),
        MC_OK);
    mci_hex(mac, sizeof mac, hex);
    ck_assert_str_eq(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    uint8_t key[20];
    memset(key, 0x0b, sizeof key);
    ck_assert_int_eq(mci_hmac_sha256(key, sizeof key, (const uint8_t *)"Hi There", 8, mac, NULL),
                     MC_OK);
    mci_hex(mac, sizeof mac, hex);
    ck_assert_str_eq(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}
END_TEST

/* Hex decoding: either case; odd lengths, non-hex and overflow are refused. */
START_TEST(test_hex_decode)
{
    uint8_t out[4];
    size_t n = 99;
    ck_assert(mci_hex_decode("00fFa1", out, sizeof out, &n));
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(out[0], 0x00);
    ck_assert_uint_eq(out[1], 0xff);
    ck_assert_uint_eq(out[2], 0xa1);
    ck_assert(mci_hex_decode("", out, sizeof out, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert(mci_hex_decode("01020304", out, sizeof out, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert(!mci_hex_decode("0102030405", out, sizeof out, &n));
    ck_assert(!mci_hex_decode("abc", out, sizeof out, &n));
    ck_assert(!mci_hex_decode("0g", out, sizeof out, &n));
    ck_assert(!mci_hex_decode("g0", out, sizeof out, &n));
    ck_assert(!mci_hex_decode(" 01", out, sizeof out, &n));
}
END_TEST

/* The truncation gives every RFC 6238 SHA-256 value (8 digits, 30 s steps, the ASCII secret). */
START_TEST(test_truncation_matches_rfc6238_sha256_vectors)
{
    const char *vectors = getenv("VECTORS_DIR");
    ck_assert_msg(vectors != NULL, "VECTORS_DIR is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/totp-rfc6238-sha256.json", vectors);
    char *text = read_text(path);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(doc);
    const char *key = cJSON_GetObjectItem(doc, "secret_ascii")->valuestring;
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "digits")->valueint, MCI_ACCESS_DIGITS);
    ck_assert_int_eq(cJSON_GetObjectItem(doc, "step_s")->valueint * 1000, MCI_ACCESS_STEP_MS);
    int checked = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, cJSON_GetObjectItem(doc, "vectors"))
    {
        int64_t unix_time = (int64_t)cJSON_GetObjectItem(v, "unix_time")->valuedouble;
        int64_t step = mci_access_step(unix_time * 1000);
        ck_assert_int_eq(step, (int64_t)cJSON_GetObjectItem(v, "step")->valuedouble);
        uint8_t counter[8];
        for (int i = 0; i < 8; i++)
            counter[i] = (uint8_t)((uint64_t)step >> (56 - 8 * i));
        uint8_t mac[MCI_SHA256_LEN];
        ck_assert_int_eq(
            mci_hmac_sha256((const uint8_t *)key, strlen(key), counter, sizeof counter, mac, NULL),
            MC_OK);
        char code[9];
        snprintf(code, sizeof code, "%08" PRIu32, mci_access_truncate(mac));
        ck_assert_str_eq(code, cJSON_GetObjectItem(v, "totp")->valuestring);
        checked++;
    }
    ck_assert_int_eq(checked, 6);
    cJSON_Delete(doc);
}
END_TEST

/* The holder's payload is MC1|id|step|code, the code over "id|step", at most 62 bytes. */
START_TEST(test_holder_payload_format)
{
    char out[MC_ACCESS_PAYLOAD_MAX];
    mc_error err = MC_ERROR_INIT;
    int64_t at = 1799037000000LL; /* 2027-01-04 10:00 IST */
    ck_assert_msg(mc_access_payload("crd_0001", secret, sizeof secret, at, out, sizeof out, &err) ==
                      MC_OK,
                  "%s", err.message);
    char code[9], expected[MC_ACCESS_PAYLOAD_MAX];
    expected_code(secret, sizeof secret, "crd_0001|59967900", code);
    snprintf(expected, sizeof expected, "MC1|crd_0001|59967900|%s", code);
    ck_assert_str_eq(out, expected);

    /* The longest id at the last representable instant: 61 bytes. */
    ck_assert_int_eq(
        mc_access_payload(LONGEST_ID, secret, sizeof secret, INT64_MAX, out, sizeof out, &err),
        MC_OK);
    ck_assert_uint_eq(strlen(out), 61);
    ck_assert_uint_le(strlen(out), MCI_ACCESS_PAYLOAD_LEN_MAX);
    ck_assert_uint_le(strlen(out), MC_ACCESS_PAYLOAD_MAX - 1);
    ck_assert_int_eq(strncmp(out, "MC1|" LONGEST_ID "|307445734561825|", 4 + 32 + 17), 0);

    /* Another secret, another code; the same inputs, the same payload. */
    uint8_t other[32];
    memcpy(other, secret, sizeof other);
    other[0] ^= 1;
    char again[MC_ACCESS_PAYLOAD_MAX], changed[MC_ACCESS_PAYLOAD_MAX];
    mc_access_payload("crd_0001", secret, sizeof secret, at, out, sizeof out, NULL);
    mc_access_payload("crd_0001", secret, sizeof secret, at, again, sizeof again, NULL);
    mc_access_payload("crd_0001", other, sizeof other, at, changed, sizeof changed, NULL);
    ck_assert_str_eq(out, again);
    ck_assert_str_ne(out, changed);
}
END_TEST

/* The guest's static payload is MC1|id|G|code, the code over "id|G". */
START_TEST(test_guest_payload_format)
{
    char out[MC_ACCESS_PAYLOAD_MAX], code[9], expected[MC_ACCESS_PAYLOAD_MAX];
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(
        mci_access_guest_payload("crd_g1", secret, sizeof secret, out, sizeof out, &err), MC_OK);
    expected_code(secret, sizeof secret, "crd_g1|G", code);
    snprintf(expected, sizeof expected, "MC1|crd_g1|G|%s", code);
    ck_assert_str_eq(out, expected);
    ck_assert_int_eq(
        mci_access_guest_payload(LONGEST_ID, secret, sizeof secret, out, sizeof out, &err), MC_OK);
    ck_assert_uint_eq(strlen(out), 4 + 32 + 3 + 8);
    ck_assert_int_eq(
        mci_access_guest_payload("bad|id", secret, sizeof secret, out, sizeof out, &err),
        MC_ERR_INVALID_ARG);
    ck_assert_str_eq(out, "");
}
END_TEST

static void expect_invalid(const char *id, const uint8_t *key, size_t key_len, int64_t at,
                           char *out, size_t cap, const char *field)
{
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_access_payload(id, key, key_len, at, out, cap, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(err.code, MC_ERR_INVALID_ARG);
    ck_assert_msg(strstr(err.message, field) != NULL, "'%s' should name %s", err.message, field);
    if (out != NULL && cap > 0)
        ck_assert_str_eq(out, "");
}

/* Ids are 1..32 characters of [A-Za-z0-9_-]; everything else is refused by name. */
START_TEST(test_id_validation)
{
    char out[MC_ACCESS_PAYLOAD_MAX];
    const char *bad[] = {
        "",       "a|b",   "a b",   "crd\n1",       "é",
        "crd.1",  "crd/1", "crd:1", LONGEST_ID "x", "0123456789012345678901234567890123",
        "crd_1\t"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        strcpy(out, "x");
        expect_invalid(bad[i], secret, sizeof secret, 0, out, sizeof out, "credential_id");
    }
    expect_invalid(NULL, secret, sizeof secret, 0, out, sizeof out, "credential_id");
    const char *good[] = {"a", "Z", "0", "-", "_", "crd_0123-abc", LONGEST_ID};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        mc_error err = MC_ERROR_INIT;
        ck_assert_msg(mc_access_payload(good[i], secret, sizeof secret, 0, out, sizeof out, &err) ==
                          MC_OK,
                      "'%s': %s", good[i], err.message);
        ck_assert(mci_access_id_valid(good[i]));
    }
    ck_assert(!mci_access_id_valid(""));
}
END_TEST

/* Secrets, instants and the output buffer are checked too. */
START_TEST(test_other_arguments)
{
    char out[MC_ACCESS_PAYLOAD_MAX];
    expect_invalid("crd_1", NULL, 32, 0, out, sizeof out, "secret");
    expect_invalid("crd_1", secret, 0, 0, out, sizeof out, "secret");
    expect_invalid("crd_1", secret, sizeof secret, -1, out, sizeof out, "at_ms");
    expect_invalid("crd_1", secret, sizeof secret, INT64_MIN, out, sizeof out, "at_ms");
    expect_invalid("crd_1", secret, sizeof secret, 0, NULL, 64, "out");
    expect_invalid("crd_1", secret, sizeof secret, 0, out, MC_ACCESS_PAYLOAD_MAX - 1, "out_cap");
    expect_invalid("crd_1", secret, sizeof secret, 0, out, 0, "out_cap");
    ck_assert_int_eq(mc_access_payload("crd_1", secret, 1, 0, out, sizeof out, NULL), MC_OK);
}
END_TEST

/* A step is [k * 30 s, (k + 1) * 30 s): 29.999 s is still step 0, 30 s is step 1. */
START_TEST(test_step_boundaries)
{
    ck_assert_int_eq(mci_access_step(0), 0);
    ck_assert_int_eq(mci_access_step(29999), 0);
    ck_assert_int_eq(mci_access_step(30000), 1);
    ck_assert_int_eq(mci_access_step(59999), 1);
    ck_assert_int_eq(mci_access_step(INT64_MAX), INT64_MAX / 30000);
    ck_assert_int_eq(mci_access_next_step_ms(0), 30000);
    ck_assert_int_eq(mci_access_next_step_ms(59967900), 59967901LL * 30000);
    ck_assert_int_eq(mci_access_next_step_ms(INT64_MAX / 30000), INT64_MAX);
    ck_assert_int_eq(mci_access_next_step_ms(INT64_MAX / 30000 - 1), INT64_MAX / 30000 * 30000);

    char a[MC_ACCESS_PAYLOAD_MAX], b[MC_ACCESS_PAYLOAD_MAX], c[MC_ACCESS_PAYLOAD_MAX];
    int64_t base = 1799037000000LL; /* a step boundary: 59967900 * 30000 */
    ck_assert_int_eq(base % 30000, 0);
    mc_access_payload("crd_1", secret, sizeof secret, base, a, sizeof a, NULL);
    mc_access_payload("crd_1", secret, sizeof secret, base + 29999, b, sizeof b, NULL);
    mc_access_payload("crd_1", secret, sizeof secret, base + 30000, c, sizeof c, NULL);
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(b, c);
    ck_assert_ptr_nonnull(strstr(b, "|59967900|"));
    ck_assert_ptr_nonnull(strstr(c, "|59967901|"));
    mc_access_payload("crd_1", secret, sizeof secret, base - 1, c, sizeof c, NULL);
    ck_assert_ptr_nonnull(strstr(c, "|59967899|"));
}
END_TEST

/* Every payload the core can make (ids of 1..32 characters, guest or holder, instants from 0
 * to INT64_MAX) encodes at version 4 or lower, width 17 + 4 * version, modules 0 or 1. */
START_TEST(test_payloads_fit_qr_version_4)
{
    const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    const int64_t instants[] = {0,        29999, 1799037000000LL, 4102444800000LL, INT64_MAX / 2,
                                INT64_MAX};
    int encoded = 0, version4 = 0;
    for (int len = 1; len <= MCI_ACCESS_ID_MAX; len++) {
        char id[MCI_ACCESS_ID_MAX + 1];
        for (int i = 0; i < len; i++)
            id[i] = alphabet[(i * 7 + len) % 64];
        id[len] = '\0';
        for (size_t t = 0; t <= sizeof instants / sizeof *instants; t++) {
            char payload[MC_ACCESS_PAYLOAD_MAX];
            mc_error err = MC_ERROR_INIT;
            mc_status st = t == sizeof instants / sizeof *instants
                               ? mci_access_guest_payload(id, secret, sizeof secret, payload,
                                                          sizeof payload, &err)
                               : mc_access_payload(id, secret, sizeof secret, instants[t], payload,
                                                   sizeof payload, &err);
            ck_assert_msg(st == MC_OK, "%s: %s", id, err.message);
            ck_assert_uint_le(strlen(payload), MCI_ACCESS_PAYLOAD_LEN_MAX);
            mc_qr *qr = NULL;
            ck_assert_msg(mc_qr_encode(payload, &qr, &err) == MC_OK, "%s", err.message);
            ck_assert_msg(qr->version >= 1 && qr->version <= 4, "'%s' (%zu bytes) is version %d",
                          payload, strlen(payload), (int)qr->version);
            ck_assert_int_eq(qr->width, 17 + 4 * qr->version);
            size_t dark = 0;
            for (int32_t i = 0; i < qr->width * qr->width; i++) {
                ck_assert_uint_le(qr->modules[i], 1);
                dark += qr->modules[i];
            }
            ck_assert_uint_gt(dark, 0);
            ck_assert_uint_lt(dark, (size_t)(qr->width * qr->width));
            /* the finder pattern's corner module is dark */
            ck_assert_uint_eq(qr->modules[0], 1);
            version4 += qr->version == 4;
            mc_qr_free(qr);
            encoded++;
        }
    }
    ck_assert_int_eq(encoded, MCI_ACCESS_ID_MAX * 7);
    ck_assert_int_gt(version4, 0); /* the longest do need version 4 */
}
END_TEST

/* Versions grow with the text; text that no QR code holds is refused. */
START_TEST(test_qr_encode_limits)
{
    mc_qr *qr = (mc_qr *)0x1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_qr_encode("A", &qr, &err), MC_OK);
    ck_assert_int_eq(qr->version, 1);
    ck_assert_int_eq(qr->width, 21);
    mc_qr_free(qr);
    char *big = malloc(2332);
    memset(big, 'x', 2331);
    big[2331] = '\0';
    ck_assert_msg(mc_qr_encode(big, &qr, &err) == MC_OK, "%s", err.message);
    ck_assert_int_eq(qr->version, 40);
    ck_assert_int_eq(qr->width, 177);
    mc_qr_free(qr);
    big[2331] = 'x';
    big = realloc(big, 2333);
    big[2332] = '\0';
    qr = (mc_qr *)0x1;
    ck_assert_int_eq(mc_qr_encode(big, &qr, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(qr);
    ck_assert_ptr_nonnull(strstr(err.message, "too long"));
    free(big);
    ck_assert_int_eq(mc_qr_encode("", &qr, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "text"));
    ck_assert_int_eq(mc_qr_encode(NULL, &qr, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "text"));
    ck_assert_int_eq(mc_qr_encode("A", NULL, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "out"));
    mc_qr_free(NULL);
    mc_bitmap_free(NULL);
}
END_TEST

/* A bitmap is (width + 8) * scale a side, white all round for 4 modules, and each module a
 * uniform scale x scale block of its colour. */
START_TEST(test_bitmap_matches_modules)
{
    const char *payload = "MC1|" LONGEST_ID "|59967900|12345678";
    mc_qr *qr = NULL;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_qr_encode(payload, &qr, &err), MC_OK);
    const int32_t scales[] = {1, 2, 3, 4, 7, 64};
    for (size_t s = 0; s < sizeof scales / sizeof *scales; s++) {
        int32_t scale = scales[s];
        mc_bitmap *bm = NULL;
        ck_assert_msg(mc_qr_bitmap(payload, scale, &bm, &err) == MC_OK, "%s", err.message);
        int32_t side = (qr->width + 8) * scale;
        ck_assert_int_eq(bm->width, side);
        ck_assert_int_eq(bm->height, side);
        for (int32_t y = 0; y < side; y++) {
            for (int32_t x = 0; x < side; x++) {
                int32_t mx = x / scale - 4, my = y / scale - 4;
                uint8_t want = 255;
                if (mx >= 0 && my >= 0 && mx < qr->width && my < qr->width)
                    want = qr->modules[my * qr->width + mx] ? 0 : 255;
                uint8_t got = bm->pixels[(size_t)y * (size_t)side + (size_t)x];
                if (got != want)
                    ck_abort_msg("scale %d: pixel (%d, %d) is %d, module (%d, %d) wants %d",
                                 (int)scale, (int)x, (int)y, got, (int)mx, (int)my, want);
            }
        }
        mc_bitmap_free(bm);
    }
    mc_qr_free(qr);
}
END_TEST

/* Scale is 1..64; text errors are mc_qr_encode's. */
START_TEST(test_bitmap_limits)
{
    mc_bitmap *bm = (mc_bitmap *)0x1;
    mc_error err = MC_ERROR_INIT;
    ck_assert_int_eq(mc_qr_bitmap("MC1|a|0|00000000", 0, &bm, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_null(bm);
    ck_assert_ptr_nonnull(strstr(err.message, "scale"));
    ck_assert_int_eq(mc_qr_bitmap("MC1|a|0|00000000", 65, &bm, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "scale"));
    ck_assert_int_eq(mc_qr_bitmap("MC1|a|0|00000000", -4, &bm, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_qr_bitmap("", 4, &bm, &err), MC_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(err.message, "text"));
    ck_assert_int_eq(mc_qr_bitmap(NULL, 4, &bm, &err), MC_ERR_INVALID_ARG);
    ck_assert_int_eq(mc_qr_bitmap("A", 4, NULL, &err), MC_ERR_INVALID_ARG);
    /* 16 bytes need version 2 at level M (25 modules) */
    ck_assert_int_eq(mc_qr_bitmap("MC1|a|0|00000000", 1, &bm, &err), MC_OK);
    ck_assert_int_eq(bm->width, 25 + 8);
    mc_bitmap_free(bm);
    ck_assert_int_eq(mc_qr_bitmap("MC1|a|0|00000000", 64, &bm, &err), MC_OK);
    ck_assert_int_eq(bm->width, (25 + 8) * 64);
    mc_bitmap_free(bm);
}
END_TEST

/* zbarimg's answer for a bitmap written as a binary PGM (P5), or a test failure. */
static void zbar_decode(const mc_bitmap *bm, char *text, size_t cap)
{
    ck_assert_msg(system("command -v zbarimg >/dev/null 2>&1") == 0,
                  "zbarimg is missing: install the Debian package zbar-tools "
                  "(scripts/install-deps.sh does)");
    char *dir = tempdir_new();
    char *path = tempdir_path(dir, "qr.pgm");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "P5\n%d %d\n255\n", (int)bm->width, (int)bm->height);
    ck_assert_uint_eq(fwrite(bm->pixels, 1, (size_t)bm->width * (size_t)bm->height, f),
                      (size_t)bm->width * (size_t)bm->height);
    ck_assert_int_eq(fclose(f), 0);
    /* stdout is the decoded text; stderr (zbar's own chatter, e.g. about D-Bus) is kept
     * apart and shown only if zbarimg fails */
    char *log = tempdir_path(dir, "zbarimg.err");
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>'%s'", path, log);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(text, 1, cap - 1, p);
    text[n] = '\0';
    int status = pclose(p);
    if (status != 0) {
        char *why = read_text(log);
        ck_abort_msg("zbarimg found no QR code (status %d): %s %s", status, text, why);
    }
    text[strcspn(text, "\r\n")] = '\0';
    free(log);
    free(path);
    tempdir_free(dir);
}

/* A real decoder reads back what the core drew: holder and guest payloads, the longest id,
 * scales 2 to 4. */
START_TEST(test_zbarimg_round_trip)
{
    char payloads[4][MC_ACCESS_PAYLOAD_MAX];
    ck_assert_int_eq(mc_access_payload("crd_0001", secret, sizeof secret, 1799037000000LL,
                                       payloads[0], MC_ACCESS_PAYLOAD_MAX, NULL),
                     MC_OK);
    ck_assert_int_eq(mc_access_payload(LONGEST_ID, secret, sizeof secret, INT64_MAX, payloads[1],
                                       MC_ACCESS_PAYLOAD_MAX, NULL),
                     MC_OK);
    ck_assert_int_eq(mci_access_guest_payload("crd_g1", secret, sizeof secret, payloads[2],
                                              MC_ACCESS_PAYLOAD_MAX, NULL),
                     MC_OK);
    ck_assert_int_eq(
        mc_access_payload("a", secret, sizeof secret, 0, payloads[3], MC_ACCESS_PAYLOAD_MAX, NULL),
        MC_OK);
    for (int i = 0; i < 4; i++) {
        for (int32_t scale = 2; scale <= 4; scale++) {
            mc_bitmap *bm = NULL;
            mc_error err = MC_ERROR_INIT;
            ck_assert_msg(mc_qr_bitmap(payloads[i], scale, &bm, &err) == MC_OK, "%s", err.message);
            char decoded[256];
            zbar_decode(bm, decoded, sizeof decoded);
            ck_assert_msg(strcmp(decoded, payloads[i]) == 0,
                          "scale %d: drew '%s', zbarimg read '%s'", (int)scale, payloads[i],
                          decoded);
            mc_bitmap_free(bm);
        }
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("access");
    TCase *codes = tcase_create("codes");
    tcase_add_test(codes, test_hmac_sha256_rfc4231);
    tcase_add_test(codes, test_hex_decode);
    tcase_add_test(codes, test_truncation_matches_rfc6238_sha256_vectors);
    tcase_add_test(codes, test_holder_payload_format);
    tcase_add_test(codes, test_guest_payload_format);
    tcase_add_test(codes, test_id_validation);
    tcase_add_test(codes, test_other_arguments);
    tcase_add_test(codes, test_step_boundaries);
    suite_add_tcase(s, codes);
    TCase *qr = tcase_create("qr");
    tcase_set_timeout(qr, 60);
    tcase_add_test(qr, test_payloads_fit_qr_version_4);
    tcase_add_test(qr, test_qr_encode_limits);
    tcase_add_test(qr, test_bitmap_matches_modules);
    tcase_add_test(qr, test_bitmap_limits);
    tcase_add_test(qr, test_zbarimg_round_trip);
    suite_add_tcase(s, qr);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
