/* rules/email.c - whether a typed email address is plausible. Pure. */
#include "rules/email.h"

#include <string.h>

bool mci_email_valid(const char *email)
{
    if (email == NULL)
        return false;
    size_t len = strlen(email);
    const char *at = strchr(email, '@');
    if (len == 0 || len > 254 || at == NULL || at == email || strchr(at + 1, '@') != NULL)
        return false;
    for (const char *p = email; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7F)
            return false;
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    /* a dot inside the domain, not first or last, and no empty labels */
    return dot != NULL && dot != domain && dot[1] != '\0' && strstr(domain, "..") == NULL &&
           domain[0] != '.';
}
