/*
 * tests/unit/unit_store.h - what the feature modules' unit tests share: a client over a fresh
 * store in a temporary folder with its clock injected and a member signed in (no server),
 * synced objects applied to it as a pull applies them, and counting rows of its file.
 */
#ifndef TESTS_UNIT_STORE_H
#define TESTS_UNIT_STORE_H

#include <stdint.h>

#include <membercore/membercore.h>

/* A client over dir reading *now as its clock, with member usr_1 (+919800000001, building
 * BLR-1) signed in (aborts the test on failure). */
mc_client *unit_store_open(const char *dir, int64_t *now);

/* One synced object (kind, id, data as JSON text) applied as a pull page at now. */
void unit_store_pull(mc_client *client, int64_t now, const char *kind, const char *id,
                     const char *data);

/* The first column of the first row of sql (a count) on the client's connection. */
int unit_store_count(mc_client *client, const char *sql);

#endif
