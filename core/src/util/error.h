/* util/error.h - filling an mc_error: the one way the core reports a failure. */
#ifndef MCI_UTIL_ERROR_H
#define MCI_UTIL_ERROR_H

#include "membercore/error.h"

/* Set err (if not NULL) to code and a printf-style message; returns code so
 * callers can write `return mci_error_set(err, MC_ERR_..., "...")`. */
mc_status mci_error_set(mc_error *err, mc_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* mci_error_set with MC_ERR_CONFLICT and the rule that refused (err->rule). */
mc_status mci_refuse(mc_error *err, mc_rule rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The rule a server's refusal code names ("too_soon", "blackout", "slot_taken", ...),
 * MC_RULE_NONE for any other code or NULL. */
mc_rule mci_rule_of_server_code(const char *code);

#endif
