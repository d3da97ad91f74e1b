/* read/page.c - page limits and keyset cursors ("<sort key>|<id>"). Pure. */
#include "read/page.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/strutil.h"

void mci_page_all(mci_page *out)
{
    memset(out, 0, sizeof *out);
    out->limit = -1;
    out->key_text = "";
    out->id = "";
}

mc_status mci_page_start(const mc_page *page, bool numeric_key, mci_page *out, mc_error *err)
{
    mci_page_all(out);
    int32_t limit = page ? page->limit : 0;
    if (limit < 0)
        return mci_error_set(err, MC_ERR_INVALID_ARG, "page limit must be >= 0 (0: %d)",
                             MC_PAGE_DEFAULT_LIMIT);
    out->limit = limit == 0                  ? MC_PAGE_DEFAULT_LIMIT
                 : limit > MC_PAGE_MAX_LIMIT ? MC_PAGE_MAX_LIMIT
                                             : limit;
    const char *cursor = page ? page->cursor : NULL;
    if (cursor == NULL || cursor[0] == '\0')
        return MC_OK;
    char *bar = NULL;
    if ((out->buf = mci_strdup(cursor)) == NULL)
        return mci_error_set(err, MC_ERR_NO_MEMORY, "out of memory");
    if ((bar = strchr(out->buf, '|')) == NULL || bar == out->buf || bar[1] == '\0') {
        mci_page_done(out);
        return mci_error_set(err, MC_ERR_INVALID_ARG,
                             "page cursor '%.*s' is not one this list returned",
                             (int)mci_utf8_prefix(cursor, 40), cursor);
    }
    *bar = '\0';
    out->key_text = out->buf;
    out->id = bar + 1;
    out->has_cursor = true;
    if (numeric_key) {
        char *end = NULL;
        errno = 0;
        out->key = strtoll(out->key_text, &end, 10);
        if (errno != 0 || *end != '\0') {
            mci_page_done(out);
            return mci_error_set(err, MC_ERR_INVALID_ARG,
                                 "page cursor '%.*s' is not one this list returned",
                                 (int)mci_utf8_prefix(cursor, 40), cursor);
        }
    }
    return MC_OK;
}

void mci_page_done(mci_page *page)
{
    free(page->buf);
    mci_page_all(page);
}

int64_t mci_page_fetch_limit(const mci_page *page)
{
    return page->limit < 0 ? -1 : page->limit + 1;
}

char *mci_page_cursor_text(const char *key, const char *id)
{
    size_t n = strlen(key) + strlen(id) + 2;
    char *cursor = malloc(n);
    if (cursor != NULL)
        snprintf(cursor, n, "%s|%s", key, id);
    return cursor;
}

char *mci_page_cursor_int(int64_t key, const char *id)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, key);
    return mci_page_cursor_text(text, id);
}
