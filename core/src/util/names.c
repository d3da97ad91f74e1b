/* util/names.c - enum values to wire names and back (see names.h). */
#include "util/names.h"

#include <string.h>

const char *mci_name_of(const char *const *names, size_t count, int value)
{
    return value >= 0 && (size_t)value < count ? names[value] : "unknown";
}

int mci_value_of(const char *const *names, size_t count, const char *name, int unknown)
{
    if (name == NULL)
        return unknown;
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return unknown;
}
