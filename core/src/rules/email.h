/* rules/email.h - whether a typed email address is plausible (profiles, guests, pass holders).
 * Pure. */
#ifndef MCI_RULES_EMAIL_H
#define MCI_RULES_EMAIL_H

#include <stdbool.h>

/* A plausible address: one '@', a local part, a dotted domain, no spaces or
 * control characters, at most 254 bytes. (Deliverability is the server's.) NULL: false. */
bool mci_email_valid(const char *email);

#endif
