/* db/schema.h - the server database's schema: the SQL of each version, in order. */
#ifndef MS_SCHEMA_H
#define MS_SCHEMA_H

#include <stddef.h>

/* The SQL that brings a database from version - 1 to version (may hold several statements). */
typedef struct ms_schema_step {
    int version;
    const char *sql;
} ms_schema_step;

/* Every step, versions 1, 2, ... in order; the last is MS_DB_SCHEMA_VERSION (db/db.h). */
extern const ms_schema_step ms_schema_steps[];
extern const size_t ms_schema_step_count;

#endif
