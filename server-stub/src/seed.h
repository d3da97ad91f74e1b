/* seed.h - the data a new database starts with (DOMAIN.md "Seed data"). */
#ifndef MS_SEED_H
#define MS_SEED_H

#include <sqlite3.h>

#include "crypto.h"

/* Insert the seed into a freshly created schema, inside the caller's transaction. 0 / -1. */
int ms_seed(sqlite3 *db, ms_rng *rng);

#endif
