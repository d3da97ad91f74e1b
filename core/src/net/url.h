/*
 * net/url.h - the rules a server URL and the TLS pins must follow (pure, no I/O).
 *
 * Plain http:// only to a loopback host (127.0.0.0/8, [::1], localhost: tests, the demo);
 * every other server over https:// (libcurl verifies its certificate; verification is never
 * turned off). The origin (scheme://host:port) is what a session token is bound to.
 */
#ifndef MCI_NET_URL_H
#define MCI_NET_URL_H

#include <stddef.h>

#include "membercore/error.h"

/* Room for an origin: "https://" + a host name of up to 253 characters + ":65535". */
#define MCI_ORIGIN_MAX 272

/*
 * Check url against the transport rules and write its origin into origin (lower-case scheme
 * and host, the port always written: "https://api.example.com:443"). MC_ERR_INVALID_ARG with
 * a message naming the broken rule: not http(s), user info ("user@host"), an empty or
 * malformed host or port, a query or fragment, or http:// to a host that is not loopback.
 */
mc_status mci_url_origin(const char *url, char origin[MCI_ORIGIN_MAX], mc_error *err);

/*
 * The pins of mc_config (count entries, each "sha256/" + the base64 of a 32-byte SPKI
 * SHA-256) as libcurl's CURLOPT_PINNEDPUBLICKEY string "sha256//A;sha256//B", malloc'd into
 * *out (the caller frees it). count 0: *out = NULL, MC_OK. MC_ERR_INVALID_ARG when pins is
 * NULL with count > 0, fewer than 2 pins (a backup pin is required), a pin is malformed, or
 * two pins are the same; MC_ERR_NO_MEMORY.
 */
mc_status mci_tls_pins_join(const char *const *pins, size_t count, char **out, mc_error *err);

#endif
