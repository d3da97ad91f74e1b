/* rules/offer_rules.c - partner offers' pure rules (docs/today-desks-community.md "Offers"): an
 * offer's validity on a building-local date, and the shape of a code. Pure: no I/O. */
#include "rules/offer_rules.h"

#include <string.h>

ms_offer_validity ms_offer_validity_on(int64_t today, int64_t from, int64_t until)
{
    if (today < from)
        return MS_OFFER_NOT_STARTED;
    if (today > until)
        return MS_OFFER_EXPIRED;
    return MS_OFFER_VALID;
}

bool ms_offer_code_ok(const char *code)
{
    size_t len = strlen(code);
    if (len == 0 || len > MS_OFFER_CODE_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = code[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}
