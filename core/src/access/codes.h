/*
 * access/codes.h - the codes behind the door's QR payloads (pure): RFC 4226
 * dynamic truncation over HMAC-SHA256 to 8 digits, the 30-second time step,
 * credential id rules, and the holder's and guest's payload texts
 * (docs/passes-protocol.md, "QR payloads").
 */
#ifndef MCI_ACCESS_CODES_H
#define MCI_ACCESS_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"
#include "membercore/error.h"

/* Longest credential id a payload may carry: "MC1|" + 32 + "|" + a step of at
 * most 15 digits (INT64_MAX ms) + "|" + 8 digits = 61 bytes, within the 62
 * bytes of QR version 4 at level M. */
#define MCI_ACCESS_ID_MAX  32
#define MCI_ACCESS_STEP_MS 30000
#define MCI_ACCESS_DIGITS  8
/* Bytes QR version 4 holds at level M in byte mode: no payload is longer. */
#define MCI_ACCESS_PAYLOAD_LEN_MAX 62

/* RFC 4226 section 5.3 dynamic truncation of an HMAC-SHA256 value, reduced to
 * MCI_ACCESS_DIGITS decimal digits (0 .. 99,999,999). */
uint32_t mci_access_truncate(const uint8_t mac[MCI_SHA256_LEN]);

/* A credential id a payload may carry: 1..MCI_ACCESS_ID_MAX bytes of
 * [A-Za-z0-9_-] (never '|', so payloads split unambiguously). */
bool mci_access_id_valid(const char *id);

/* The time step of an instant (at_ms >= 0): floor(at_ms / 30,000). */
int64_t mci_access_step(int64_t at_ms);

/* The first instant of the step after step; INT64_MAX if that is past int64. */
int64_t mci_access_next_step_ms(int64_t step);

/* The guest's static payload "MC1|<id>|G|<code>", the code over id + "|G".
 * The core never holds a guest's secret (the server emails it): this is here
 * so door software and tests share one implementation. Errors as
 * mc_access_payload, without the time. */
mc_status mci_access_guest_payload(const char *credential_id, const uint8_t *secret,
                                   size_t secret_len, char *out, size_t out_cap, mc_error *err);

#endif
