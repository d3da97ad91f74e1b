/* db/db.c - the server database: open, migrate (PRAGMA user_version), transactions, small helpers.
 * The schema itself is db/schema.c. */
#include "db/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/text.h"
#include "db/schema.h"

static void log_db_error(sqlite3 *db, const char *what)
{
    ms_log("database: %s: %s", what, sqlite3_errmsg(db));
}

int ms_db_exec(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        log_db_error(db, "exec");
        return -1;
    }
    return 0;
}

int ms_db_begin(sqlite3 *db, bool write)
{
    return ms_db_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

int ms_db_commit(sqlite3 *db)
{
    return ms_db_exec(db, "COMMIT");
}

void ms_db_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        ms_db_exec(db, "ROLLBACK");
}

/* Bind the arguments described by types (see ms_db_query) to stmt. 0 / -1 (logged). */
static int bind_args(sqlite3_stmt *stmt, const char *types, va_list ap)
{
    int rc = SQLITE_OK;
    for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
        if (types[i] == 't') {
            rc = sqlite3_bind_text(stmt, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        } else if (types[i] == 'i') {
            rc = sqlite3_bind_int64(stmt, i + 1, va_arg(ap, int64_t));
        } else if (types[i] == 'b') {
            const void *blob = va_arg(ap, const void *);
            size_t len = va_arg(ap, size_t);
            rc = sqlite3_bind_blob(stmt, i + 1, blob, (int)len, SQLITE_TRANSIENT);
        } else {
            rc = SQLITE_MISUSE;
        }
    }
    if (rc != SQLITE_OK) {
        log_db_error(sqlite3_db_handle(stmt), "bind");
        return -1;
    }
    return 0;
}

static sqlite3_stmt *prepare_bound(sqlite3 *db, const char *sql, const char *types, va_list ap)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        log_db_error(db, "prepare");
        return NULL;
    }
    if (bind_args(stmt, types, ap) != 0) {
        sqlite3_finalize(stmt);
        return NULL;
    }
    return stmt;
}

/* What a kept statement's text starts with: how ms_db_kept finds it and ms_db_close frees it. */
#define KEPT_MARK "/* kept */ "

static bool is_kept(sqlite3_stmt *stmt, const char *sql)
{
    const char *text = sqlite3_sql(stmt);
    size_t mark = sizeof KEPT_MARK - 1;
    return text && strncmp(text, KEPT_MARK, mark) == 0 && (!sql || strcmp(text + mark, sql) == 0);
}

sqlite3_stmt *ms_db_kept(sqlite3 *db, const char *sql, const char *types, ...)
{
    sqlite3_stmt *stmt = sqlite3_next_stmt(db, NULL);
    while (stmt && !is_kept(stmt, sql))
        stmt = sqlite3_next_stmt(db, stmt);
    if (!stmt) {
        size_t len = sizeof KEPT_MARK + strlen(sql);
        char *text = malloc(len);
        if (!text)
            return NULL;
        snprintf(text, len, "%s%s", KEPT_MARK, sql);
        int rc = sqlite3_prepare_v3(db, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
        free(text);
        if (rc != SQLITE_OK) {
            log_db_error(db, "prepare");
            sqlite3_finalize(stmt);
            return NULL;
        }
    }
    va_list ap;
    va_start(ap, types);
    int rc = bind_args(stmt, types, ap);
    va_end(ap);
    if (rc != 0) {
        ms_db_release(stmt);
        return NULL;
    }
    return stmt;
}

void ms_db_release(sqlite3_stmt *stmt)
{
    if (stmt && is_kept(stmt, NULL)) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    } else {
        sqlite3_finalize(stmt);
    }
}

sqlite3_stmt *ms_db_query(sqlite3 *db, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *stmt = prepare_bound(db, sql, types, ap);
    va_end(ap);
    return stmt;
}

int ms_db_run(sqlite3 *db, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    sqlite3_stmt *stmt = prepare_bound(db, sql, types, ap);
    va_end(ap);
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    sqlite3_finalize(stmt);
    return rc < 0 ? -1 : 0;
}

int ms_db_step(sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    log_db_error(sqlite3_db_handle(stmt), "step");
    return -1;
}

void ms_db_text(sqlite3_stmt *stmt, int col, char *out, size_t cap)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    const char *s = text ? (const char *)text : "";
    snprintf(out, cap, "%.*s", (int)ms_utf8_prefix(s, cap ? cap - 1 : 0), s); /* on a character */
}

int ms_db_secret(sqlite3 *db, const char *name, uint8_t *out, size_t len)
{
    sqlite3_stmt *stmt = ms_db_query(db, "SELECT value FROM secrets WHERE name = ?", "t", name);
    if (!stmt)
        return -1;
    int rc = -1;
    if (ms_db_step(stmt) == 1 && (size_t)sqlite3_column_bytes(stmt, 0) == len) {
        memcpy(out, sqlite3_column_blob(stmt, 0), len);
        rc = 0;
    } else {
        ms_log("database: secret '%s' is missing or malformed", name);
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int user_version(sqlite3 *db, int *out)
{
    sqlite3_stmt *stmt = ms_db_query(db, "PRAGMA user_version", "");
    if (!stmt)
        return -1;
    int rc = ms_db_step(stmt);
    if (rc == 1)
        *out = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == 1 ? 0 : -1;
}

static int migrate(sqlite3 *db, ms_rng *rng, ms_db_fill fill, int64_t now_ms)
{
    if (ms_db_begin(db, true) != 0)
        return -1;
    int version = 0;
    if (user_version(db, &version) != 0)
        goto fail;
    if (version > MS_DB_SCHEMA_VERSION) {
        ms_log("database: schema version %d is newer than this memberstub's (%d)", version,
               MS_DB_SCHEMA_VERSION);
        goto fail;
    }
    for (size_t i = 0; i < ms_schema_step_count; i++) {
        const ms_schema_step *m = &ms_schema_steps[i];
        if (m->version <= version)
            continue;
        if (ms_db_exec(db, m->sql) != 0 || (fill && fill(db, rng, now_ms, m->version) != 0))
            goto fail;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
        if (ms_db_exec(db, pragma) != 0)
            goto fail;
        version = m->version;
    }
    if (ms_db_commit(db) != 0)
        goto fail;
    return 0;
fail:
    ms_db_rollback(db);
    return -1;
}

/* Make path (created empty if missing) and any -wal, -shm or -journal file beside it mode 0600,
 * whatever the umask and whatever mode they had: SQLite gives the files it creates later the
 * database file's mode. ":memory:" and "" (a temporary database) are left alone. 0 / -1 (logged).
 */
static int make_private(const char *path)
{
    if (!*path || strcmp(path, ":memory:") == 0)
        return 0;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || fchmod(fd, 0600) != 0) {
        ms_log("database: cannot make %s private (mode 0600): %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    static const char *const companions[] = {"-wal", "-shm", "-journal"};
    size_t len = strlen(path) + sizeof "-journal";
    char *name = malloc(len);
    if (!name)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < sizeof companions / sizeof companions[0] && rc == 0; i++) {
        snprintf(name, len, "%s%s", path, companions[i]);
        if (chmod(name, 0600) != 0 && errno != ENOENT) {
            ms_log("database: cannot make %s private (mode 0600): %s", name, strerror(errno));
            rc = -1;
        }
    }
    free(name);
    return rc;
}

int ms_db_open(const char *path, ms_rng *rng, ms_db_fill fill, int64_t now_ms, sqlite3 **out)
{
    sqlite3 *db = NULL;
    if (make_private(path) != 0)
        return -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        ms_log("database: cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return -1;
    }
    sqlite3_extended_result_codes(db, 1);
    if (sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
        ms_db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                       "PRAGMA foreign_keys = ON;") != 0 ||
        migrate(db, rng, fill, now_ms) != 0) {
        ms_log("database: %s is unusable", path);
        sqlite3_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

void ms_db_close(sqlite3 *db)
{
    if (!db)
        return;
    /* The kept statements (ms_db_kept) live as long as the connection. */
    sqlite3_stmt *stmt = sqlite3_next_stmt(db, NULL);
    while (stmt) {
        sqlite3_stmt *next = sqlite3_next_stmt(db, stmt);
        if (is_kept(stmt, NULL))
            sqlite3_finalize(stmt);
        stmt = next;
    }
    sqlite3_close(db);
}
