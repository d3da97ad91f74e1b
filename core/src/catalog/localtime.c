/* catalog/localtime.c - membercore/localtime.h: an instant in its building's local time. */
#include <string.h>

#include "catalog/zones.h"
#include "handle/handle.h"
#include "membercore/localtime.h"
#include "read/read.h"
#include "util/error.h"

bool mc_local_time_is_set(const mc_local_time *time)
{
    return time != NULL && time->iso8601[0] != '\0';
}

mc_status mc_local_time_in_building(mc_client *c, const char *building_id, int64_t utc_ms,
                                    mc_local_time *out, mc_error *err)
{
    MCI_ENTER(c, err);
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (c == NULL || out == NULL)
        return mci_error_set(err, MC_ERR_INVALID_ARG, c == NULL ? "client is NULL" : "out is NULL");
    return mci_local_time_in(c, building_id, utc_ms, out, err);
}

mc_status mci_local_time_in(mc_client *c, const char *building_id, int64_t utc_ms,
                            mc_local_time *out, mc_error *err)
{
    memset(out, 0, sizeof *out);
    if (utc_ms == 0)
        return MC_OK;
    mci_reader *r = NULL;
    mc_status st = mci_read_begin_any(c->readers, &r, err);
    mci_zone_book *book = NULL;
    if (st == MC_OK)
        st = mci_zone_book_new(r->db, r->stmts, &book, err);
    if (st == MC_OK)
        st = mci_zone_book_local(book, building_id, utc_ms, out, err);
    mci_zone_book_free(book);
    mci_read_end(c->readers, r);
    return st;
}
