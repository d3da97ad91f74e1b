/* rules/access_codes.c - the QR payloads of access credentials and their codes, as pure functions.
 */
#include "rules/access_codes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"

int64_t ms_access_step(int64_t unix_ms)
{
    return unix_ms >= 0 ? unix_ms / MS_ACCESS_STEP_MS : -1 - (-1 - unix_ms) / MS_ACCESS_STEP_MS;
}

void ms_access_truncate(const uint8_t mac[32], char out[MS_ACCESS_CODE_DIGITS + 1])
{
    unsigned offset = mac[31] & 0x0f;
    uint32_t bin = (uint32_t)(mac[offset] & 0x7f) << 24 | (uint32_t)mac[offset + 1] << 16 |
                   (uint32_t)mac[offset + 2] << 8 | (uint32_t)mac[offset + 3];
    snprintf(out, MS_ACCESS_CODE_DIGITS + 1, "%08" PRIu32, bin % 100000000u);
}

int ms_access_totp(const uint8_t *key, size_t key_len, uint64_t counter,
                   char out[MS_ACCESS_CODE_DIGITS + 1])
{
    uint8_t message[8], mac[MS_SHA256_LEN];
    for (int i = 7; i >= 0; i--) {
        message[i] = (uint8_t)(counter & 0xff);
        counter >>= 8;
    }
    if (ms_hmac_sha256(key, key_len, message, sizeof message, mac) != 0)
        return -1;
    ms_access_truncate(mac, out);
    ms_wipe(mac, sizeof mac);
    return 0;
}

/* 1 to MS_ACCESS_ID_LEN_MAX printable ASCII characters, no space and no '|'. */
static bool id_ok(const char *id, size_t len)
{
    if (len == 0 || len > MS_ACCESS_ID_LEN_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)id[i] <= 0x20 || (unsigned char)id[i] >= 0x7f || id[i] == '|')
            return false;
    return true;
}

int ms_access_code(const uint8_t *secret, size_t secret_len, const char *credential_id,
                   int64_t step, char out[MS_ACCESS_CODE_DIGITS + 1])
{
    char message[MS_ACCESS_ID_LEN_MAX + 32];
    int n = step >= 0 ? snprintf(message, sizeof message, "%s|%" PRId64, credential_id, step)
                      : snprintf(message, sizeof message, "%s|G", credential_id);
    if (n < 0 || (size_t)n >= sizeof message)
        return -1;
    uint8_t mac[MS_SHA256_LEN];
    if (ms_hmac_sha256(secret, secret_len, message, (size_t)n, mac) != 0)
        return -1;
    ms_access_truncate(mac, out);
    ms_wipe(mac, sizeof mac);
    return 0;
}

int ms_access_payload(const uint8_t *secret, size_t secret_len, const char *credential_id,
                      int64_t step, char *out, size_t cap)
{
    char code[MS_ACCESS_CODE_DIGITS + 1];
    if (!id_ok(credential_id, strlen(credential_id)) ||
        ms_access_code(secret, secret_len, credential_id, step, code) != 0)
        return -1;
    int n = step >= 0 ? snprintf(out, cap, "MC1|%s|%" PRId64 "|%s", credential_id, step, code)
                      : snprintf(out, cap, "MC1|%s|G|%s", credential_id, code);
    return n > 0 && (size_t)n < cap && n <= MS_ACCESS_PAYLOAD_LEN_MAX ? 0 : -1;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool ms_access_parse(const char *payload, ms_access_parsed *out)
{
    memset(out, 0, sizeof *out);
    size_t total = strlen(payload);
    if (total > MS_ACCESS_PAYLOAD_LEN_MAX || strncmp(payload, "MC1|", 4) != 0)
        return false;
    const char *id = payload + 4;
    const char *bar = strchr(id, '|');
    if (!bar)
        return false;
    size_t id_len = (size_t)(bar - id);
    const char *step = bar + 1;
    bar = strchr(step, '|');
    if (!bar || !id_ok(id, id_len))
        return false;
    size_t step_len = (size_t)(bar - step);
    const char *code = bar + 1;
    size_t code_len = strlen(code);
    if (code_len != MS_ACCESS_CODE_DIGITS || !all_digits(code, code_len))
        return false;
    if (step_len == 1 && step[0] == 'G') {
        out->guest = true;
        out->step = -1;
    } else {
        if (step_len == 0 || step_len > 15 || !all_digits(step, step_len) ||
            (step[0] == '0' && step_len > 1))
            return false;
        int64_t v = 0;
        for (size_t i = 0; i < step_len; i++)
            v = v * 10 + (step[i] - '0');
        out->step = v;
    }
    memcpy(out->credential_id, id, id_len);
    out->credential_id[id_len] = '\0';
    memcpy(out->code, code, MS_ACCESS_CODE_DIGITS + 1);
    return true;
}

bool ms_access_verify(const uint8_t *secret, size_t secret_len, const ms_access_parsed *parsed)
{
    char expected[MS_ACCESS_CODE_DIGITS + 1];
    if (ms_access_code(secret, secret_len, parsed->credential_id, parsed->guest ? -1 : parsed->step,
                       expected) != 0)
        return false;
    bool equal = ms_ct_equal(expected, parsed->code, MS_ACCESS_CODE_DIGITS);
    ms_wipe(expected, sizeof expected);
    return equal;
}
