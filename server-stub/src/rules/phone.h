/* rules/phone.h - phone numbers as people type them, to E.164: the stub's own rule (no I/O). */
#ifndef MS_RULES_PHONE_H
#define MS_RULES_PHONE_H

#include <stdbool.h>
#include <stddef.h>

/* Room for an E.164 number: '+', at most 15 digits, NUL. */
#define MS_PHONE_MAX 17

/*
 * DOMAIN.md section 1, written here apart from the core's on purpose (the stub is the
 * core's independent oracle; both are checked against tests/vectors/phones.tsv):
 * spaces, '-', '.', '(' and ')' are ignored; '+' may only lead; a bare 10-digit Indian
 * mobile (first digit 6-9), or one behind the trunk prefix 0, is +91...; a leading "00"
 * stands for '+'. Anything else must be E.164: a country code not starting with 0, 8 to 15
 * digits. The plans of the operator's countries are checked in full, and where they tell
 * mobiles apart only mobiles pass (the sign-in code goes by SMS): +91 ten digits, mobiles
 * 6-9; +44 the national number's length and prefix, mobiles 71-75, 77-79 and 7624 (a trunk
 * 0 typed after +44 is dropped); +1 NPA-NXX-XXXX with N = 2-9 and no N11 code. Fictional
 * ranges (07700 900xxx, 555-01xx) are well-formed and pass. Other countries: E.164's shape.
 * true with the number in out; false with what is wrong in why (why_cap bytes, e.g.
 * "phone is empty").
 */
bool ms_phone_e164(const char *typed, char out[MS_PHONE_MAX], char *why, size_t why_cap);

#endif
