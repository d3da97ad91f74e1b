/*
 * tests/fuzz/fuzz_phone.c - libFuzzer harness: phone numbers as people type them. The core
 * (mc_phone_normalize) and the stub (ms_phone_e164) implement DOMAIN.md's rule apart, the stub
 * as the core's oracle: on any text both must accept or both refuse, with the same E.164
 * number; and a normalised number normalises to itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_client.h"
#include "membercore/auth.h"
#include "rules/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    char core[MC_PHONE_MAX], stub[MS_PHONE_MAX], why[160];
    mc_error err = MC_ERROR_INIT;
    bool core_ok = mc_phone_normalize(text, core, sizeof core, &err) == MC_OK;
    bool stub_ok = ms_phone_e164(text, stub, why, sizeof why);
    if (core_ok != stub_ok || (core_ok && strcmp(core, stub) != 0)) {
        fprintf(stderr, "fuzz_phone: \"%s\": core %s (%s), stub %s (%s)\n", text,
                core_ok ? core : "refuses", err.message, stub_ok ? stub : "refuses", why);
        abort();
    }
    if (core_ok) {
        char again[MC_PHONE_MAX];
        if (mc_phone_normalize(core, again, sizeof again, &err) != MC_OK ||
            strcmp(again, core) != 0) {
            fprintf(stderr, "fuzz_phone: %s does not normalise to itself\n", core);
            abort();
        }
    }
    free(text);
    return 0;
}
