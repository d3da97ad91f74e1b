/*
 * tests/bench/bench_qr.c - door QR codes per second: the core's mc_qr_bitmap (encode and draw
 * at scale 4, quiet zone included) and mc_qr_encode, against the raw limit measured in the
 * same run on the same payloads: libqrencode's QRcode_encodeString8bit alone, which both
 * call. Measured in interleaved pairs, round after round: raw, mc_qr_bitmap, raw,
 * mc_qr_encode (each pair the raw batch and the API's batch right after it, on the same
 * payloads); the gate reads the median of the pairs' ratios. Target: each at >= 0.8 of the
 * raw rate; fails below 0.5. The rates themselves are a report.
 */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <membercore/membercore.h>

#include "bench_util.h"

#define PAYLOADS  512
#define PER_ROUND 500
#define ROUNDS    25
#define TARGET    0.8
#define FLOOR     0.5 /* the gate: well under the target, out of reach of noise */

static char payloads[PAYLOADS][MC_ACCESS_PAYLOAD_MAX];
static unsigned long sink; /* keeps every result observed */

static double now_s(void)
{
    return bench_now_ms() / 1e3;
}

static void fail(const char *what, const mc_error *err)
{
    fprintf(stderr, "bench_qr: %s: %s\n", what, err ? err->message : "failed");
    exit(1);
}

static double run_raw(int offset)
{
    double t0 = now_s();
    for (int i = 0; i < PER_ROUND; i++) {
        QRcode *code = QRcode_encodeString8bit(payloads[(i + offset) % PAYLOADS], 0, QR_ECLEVEL_M);
        if (code == NULL)
            fail("QRcode_encodeString8bit", NULL);
        sink += code->data[code->width * code->width / 2] & 1u;
        QRcode_free(code);
    }
    return PER_ROUND / (now_s() - t0);
}

static double run_bitmap(int offset)
{
    double t0 = now_s();
    for (int i = 0; i < PER_ROUND; i++) {
        mc_bitmap *bm = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mc_qr_bitmap(payloads[(i + offset) % PAYLOADS], 4, &bm, &err) != MC_OK)
            fail("mc_qr_bitmap", &err);
        sink += bm->pixels[(size_t)bm->width * (size_t)bm->height / 2];
        mc_bitmap_free(bm);
    }
    return PER_ROUND / (now_s() - t0);
}

static double run_encode(int offset)
{
    double t0 = now_s();
    for (int i = 0; i < PER_ROUND; i++) {
        mc_qr *qr = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mc_qr_encode(payloads[(i + offset) % PAYLOADS], &qr, &err) != MC_OK)
            fail("mc_qr_encode", &err);
        sink += qr->modules[qr->width * qr->width / 2];
        mc_qr_free(qr);
    }
    return PER_ROUND / (now_s() - t0);
}

int main(void)
{
    /* Holder payloads as the core makes them: ids like the server's ("crd_" + 16 hex) and
     * the longest allowed, at instants over a year of steps. */
    uint8_t secret[32];
    for (int i = 0; i < 32; i++)
        secret[i] = (uint8_t)(i * 37 + 11);
    int versions[41] = {0};
    for (int i = 0; i < PAYLOADS; i++) {
        char id[40];
        if (i % 8 == 7)
            snprintf(id, sizeof id, "crd_%028x", (unsigned)i);
        else
            snprintf(id, sizeof id, "crd_%016llx", 0x9e3779b97f4a7c15ULL * (unsigned)(i + 1));
        int64_t at = 1799037000000LL + (int64_t)i * 61543 * 1000;
        mc_error err = MC_ERROR_INIT;
        if (mc_access_payload(id, secret, sizeof secret, at, payloads[i], MC_ACCESS_PAYLOAD_MAX,
                              &err) != MC_OK)
            fail("mc_access_payload", &err);
        mc_qr *qr = NULL;
        if (mc_qr_encode(payloads[i], &qr, &err) != MC_OK)
            fail("mc_qr_encode", &err);
        versions[qr->version]++;
        mc_qr_free(qr);
    }

    /* Warm up, then the pairs: raw then bitmap, raw then encode, in every round. */
    run_raw(0);
    run_bitmap(0);
    run_encode(0);
    static double raw_b[ROUNDS], bitmap[ROUNDS], raw_e[ROUNDS], encode[ROUNDS], raw_all[2 * ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        raw_b[r] = run_raw(r);
        bitmap[r] = run_bitmap(r);
        raw_e[r] = run_raw(r);
        encode[r] = run_encode(r);
        raw_all[2 * r] = raw_b[r];
        raw_all[2 * r + 1] = raw_e[r];
    }
    /* rates: the API's over the raw one, pair by pair */
    bench_ratio bitmap_ratio = bench_pair_ratio(bitmap, raw_b, ROUNDS);
    bench_ratio encode_ratio = bench_pair_ratio(encode, raw_e, ROUNDS);
    char text[128];
    printf("payloads: %d holder payloads (versions: 3 x %d, 4 x %d); %d rounds of %d codes each\n",
           PAYLOADS, versions[3], versions[4], ROUNDS, PER_ROUND);
    printf("raw limit, QRcode_encodeString8bit (level M): %.0f codes/s (median round)\n",
           bench_percentile(raw_all, 2 * ROUNDS, 0.5));
    printf("mc_qr_bitmap (scale 4, quiet zone): %.0f codes/s (median round), ratio to raw %s "
           "(target >= %.1f, fails < %.1f)\n",
           bench_percentile(bitmap, ROUNDS, 0.5),
           bench_ratio_text(&bitmap_ratio, "pairs of rounds", text, sizeof text), TARGET, FLOOR);
    printf("mc_qr_encode (modules): %.0f codes/s (median round), ratio to raw %s (target >= %.1f, "
           "fails < %.1f)\n",
           bench_percentile(encode, ROUNDS, 0.5),
           bench_ratio_text(&encode_ratio, "pairs of rounds", text, sizeof text), TARGET, FLOOR);
    int ok = bitmap_ratio.median >= FLOOR && encode_ratio.median >= FLOOR;
    printf("%s (checksum %lu)\n", ok ? "bench_qr: within targets" : "bench_qr: OUTSIDE TARGETS",
           sink);
    return ok ? 0 : 1;
}
