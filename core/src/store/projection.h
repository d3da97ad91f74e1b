/*
 * store/projection.h - typed projections: tables some kinds keep beside `entity`.
 *
 * A projection holds a kind's fields in typed, indexed columns so that screen
 * reads page through an index instead of parsing JSON per row. The pull
 * applier keeps each one in step with `entity` inside the page's transaction.
 * Each feature module declares its own projections (booking/projections.c,
 * community/projections.c, ...); features/projections.c is the one list of
 * them, so sync knows no feature table. The tables themselves are created by
 * a store migration (store/migrations.c), which also backfills them.
 */
#ifndef MCI_STORE_PROJECTION_H
#define MCI_STORE_PROJECTION_H

#include <stddef.h>

/*
 * One kind's projection. SQL parameters: ?1 the id, ?2 the data text (upsert
 * only). wipe_sql empties the table (for resets). children_sql is NULL, or a
 * second statement run after upsert_sql with the same parameters that inserts
 * the item's child rows (an invoice's lines); the child table's foreign key
 * (ON DELETE CASCADE) drops the old ones when upsert_sql replaces the row.
 */
typedef struct mci_projection {
    const char *kind;
    const char *upsert_sql;
    const char *delete_sql;
    const char *wipe_sql;
    const char *children_sql;
    const char *more_children_sql; /* NULL, or a second child statement (an invoice's refunds) */
} mci_projection;

/* The projection of kind, or NULL (most kinds have none). Defined by
 * features/projections.c. */
const mci_projection *mci_projection_find(const char *kind);

/* The i-th projection of all (0, 1, ...), NULL past the last: for resets. */
const mci_projection *mci_projection_at(size_t i);

#endif
