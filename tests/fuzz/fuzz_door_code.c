/*
 * tests/fuzz/fuzz_door_code.c - libFuzzer harness: door-code payloads, the text a door reads from
 * a member's QR code ("MC1|id|step|code", "MC1|id|G|code"). The stub's parser (ms_access_parse)
 * and checker (ms_access_verify) take any text; what they accept must be what the format says,
 * and a payload the core makes (mc_access_payload) for an accepted id and step must read back
 * the same and verify, and encode as a QR code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_client.h"
#include "membercore/access.h"
#include "rules/access_codes.h"

static const uint8_t secret[] = "fuzz door secret, 32 bytes long.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_door_code: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    ms_access_parsed parsed;
    if (ms_access_parse(text, &parsed)) {
        check(strlen(text) <= 62, "a payload over 62 bytes was accepted");
        check(strncmp(text, "MC1|", 4) == 0, "a payload without MC1| was accepted");
        check(strlen(parsed.code) == MS_ACCESS_CODE_DIGITS, "the code is not 8 digits");
        (void)ms_access_verify(secret, sizeof secret - 1, &parsed);
        if (!parsed.guest && parsed.step <= INT64_MAX / 30000) {
            char payload[MC_ACCESS_PAYLOAD_MAX];
            mc_error err = MC_ERROR_INIT;
            if (mc_access_payload(parsed.credential_id, secret, sizeof secret - 1,
                                  parsed.step * 30000, payload, sizeof payload, &err) == MC_OK) {
                ms_access_parsed again;
                check(ms_access_parse(payload, &again), "the core's payload does not parse");
                check(strcmp(again.credential_id, parsed.credential_id) == 0 &&
                          again.step == parsed.step && !again.guest,
                      "the core's payload reads back different");
                check(ms_access_verify(secret, sizeof secret - 1, &again),
                      "the core's payload does not verify");
                mc_qr *qr = NULL;
                check(mc_qr_encode(payload, &qr, &err) == MC_OK, "the payload has no QR code");
                mc_qr_free(qr);
            }
        }
    }
    free(text);
    return 0;
}
