/* access/codes.c - door codes (pure): RFC 4226 truncation over HMAC-SHA256 and the QR payload
 * texts. */
#include "access/codes.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "membercore/access.h"
#include "util/error.h"

_Static_assert(MCI_ACCESS_PAYLOAD_LEN_MAX < MC_ACCESS_PAYLOAD_MAX, "a payload and its NUL fit");

uint32_t mci_access_truncate(const uint8_t mac[MCI_SHA256_LEN])
{
    unsigned offset = mac[MCI_SHA256_LEN - 1] & 0x0F; /* offset + 3 <= 18 < 32 */
    uint32_t bin = (uint32_t)(mac[offset] & 0x7F) << 24 | (uint32_t)mac[offset + 1] << 16 |
                   (uint32_t)mac[offset + 2] << 8 | (uint32_t)mac[offset + 3];
    return bin % 100000000u; /* 10^MCI_ACCESS_DIGITS */
}

bool mci_access_id_valid(const char *id)
{
    size_t n = 0;
    for (; id[n] != '\0'; n++) {
        char ch = id[n];
        if (n == MCI_ACCESS_ID_MAX || !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                                        (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
            return false;
    }
    return n > 0;
}

int64_t mci_access_step(int64_t at_ms)
{
    return at_ms / MCI_ACCESS_STEP_MS; /* floor, as at_ms >= 0 */
}

int64_t mci_access_next_step_ms(int64_t step)
{
    if (step >= INT64_MAX / MCI_ACCESS_STEP_MS)
        return INT64_MAX;
    return (step + 1) * MCI_ACCESS_STEP_MS;
}

/* The arguments every payload shares; *out is "" on failure. */
static mc_status check_args(const char *credential_id, const uint8_t *secret, size_t secret_len,
                            char *out, size_t out_cap, mc_error *err)
{
    if (out != NULL && out_cap > 0)
        out[0] = '\0';
    if (credential_id == NULL || credential_id[0] == '\0')
        return mci_error_set(err, MC_ERR_INVALID_ARG, "credential_id is required");
    if (!mci_access_id_valid(credential_id))
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "credential_id must be at most %d characters of A-Z, a-z, 0-9, _ "
                             "and -",
                             MCI_ACCESS_ID_MAX);
    if (secret == NULL || secret_len == 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "secret is required");
    if (out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out is NULL");
    if (out_cap < MC_ACCESS_PAYLOAD_MAX)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "out_cap must be at least %d (got %zu)",
                             MC_ACCESS_PAYLOAD_MAX, out_cap);
    return MC_OK;
}

/* "MC1|<id>|<what>|<code>", the code being HMAC(secret, id + "|" + what) truncated. */
static mc_status make_payload(const char *credential_id, const char *what, const uint8_t *secret,
                              size_t secret_len, char *out, mc_error *err)
{
    char msg[MCI_ACCESS_ID_MAX + 24];
    int msg_len = snprintf(msg, sizeof msg, "%s|%s", credential_id, what);
    uint8_t mac[MCI_SHA256_LEN];
    mc_status st =
        mci_hmac_sha256(secret, secret_len, (const uint8_t *)msg, (size_t)msg_len, mac, err);
    if (st != MC_OK)
        return st;
    uint32_t code = mci_access_truncate(mac);
    mci_wipe(mac, sizeof mac);
    int n = snprintf(out, MC_ACCESS_PAYLOAD_MAX, "MC1|%s|%s|%08" PRIu32, credential_id, what, code);
    /* The id rules bound every payload to 61 bytes; a longer one would not fit QR version 4. */
    if (n < 0 || n > MCI_ACCESS_PAYLOAD_LEN_MAX) {
        out[0] = '\0';
        return mci_error_set(err, MC_ERR_INVALID_ARG, "payload would be %d bytes (at most %d)", n,
                             MCI_ACCESS_PAYLOAD_LEN_MAX);
    }
    return MC_OK;
}

mc_status mc_access_payload(const char *credential_id, const uint8_t *secret, size_t secret_len,
                            int64_t at_ms, char *out, size_t out_cap, mc_error *err)
{
    mc_status st = check_args(credential_id, secret, secret_len, out, out_cap, err);
    if (st != MC_OK)
        return st;
    if (at_ms < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "at_ms must be >= 0 (got %" PRId64 ")",
                             at_ms);
    char step[24];
    snprintf(step, sizeof step, "%" PRId64, mci_access_step(at_ms));
    return make_payload(credential_id, step, secret, secret_len, out, err);
}

mc_status mci_access_guest_payload(const char *credential_id, const uint8_t *secret,
                                   size_t secret_len, char *out, size_t out_cap, mc_error *err)
{
    mc_status st = check_args(credential_id, secret, secret_len, out, out_cap, err);
    if (st != MC_OK)
        return st;
    return make_payload(credential_id, "G", secret, secret_len, out, err);
}
