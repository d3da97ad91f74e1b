/* access/credentials.h - what other modules may ask of the door credentials on this device. */
#ifndef MCI_ACCESS_CREDENTIALS_H
#define MCI_ACCESS_CREDENTIALS_H

#include <stdbool.h>

#include "read/read.h"

/* Whether credential_id ("" or NULL: none) and its secret are in the store, on a reader the
 * caller holds: its door code can be shown offline. A storage error reads as false. */
bool mci_credential_ready(mci_reader *r, const char *credential_id);

#endif
