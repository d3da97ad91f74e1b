/* tickets/states.c - the member's moves on a ticket checked against its status (pure). */
#include "tickets/states.h"

#include "util/error.h"

mc_status mci_ticket_check_comment(const mci_ticket_facts *t, mc_error *err)
{
    if (t->status == MC_TICKET_CLOSED)
        return mci_error_set(err, MC_ERR_STATE,
                             "%s is closed: a closed ticket takes no more comments (file a new "
                             "ticket instead)",
                             t->name);
    return MC_OK;
}

mc_status mci_ticket_check_resolve(const mci_ticket_facts *t, mc_error *err)
{
    if (t->status == MC_TICKET_RESOLVED)
        return mci_error_set(err, MC_ERR_STATE, "%s is already resolved", t->name);
    if (t->status == MC_TICKET_CLOSED)
        return mci_error_set(err, MC_ERR_STATE, "%s is closed: it cannot be resolved again",
                             t->name);
    return MC_OK;
}

mc_status mci_ticket_check_reopen(const mci_ticket_facts *t, int64_t now_ms, mc_error *err)
{
    if (t->status == MC_TICKET_CLOSED)
        return mci_error_set(err, MC_ERR_STATE,
                             "%s is closed: a ticket can be reopened only within %d days of its "
                             "resolution (file a new ticket instead)",
                             t->name, MC_TICKET_REOPEN_DAYS);
    if (t->status != MC_TICKET_RESOLVED)
        return mci_error_set(
            err, MC_ERR_STATE, "%s is %s, not resolved: only a resolved ticket can be reopened",
            t->name,
            t->status == MC_TICKET_IN_PROGRESS ? "in progress" : mc_ticket_status_name(t->status));
    if (t->reopen_until_ms > 0 && now_ms > t->reopen_until_ms)
        return mci_error_set(err, MC_ERR_STATE,
                             "%s can no longer be reopened: the %d days to reopen it ended "
                             "%04d-%02d-%02d %02d:%02d %s (file a new ticket instead)",
                             t->name, MC_TICKET_REOPEN_DAYS, (int)t->reopen_until.year,
                             (int)t->reopen_until.month, (int)t->reopen_until.day,
                             (int)t->reopen_until.hour, (int)t->reopen_until.minute,
                             t->reopen_until.label);
    return MC_OK;
}

mc_ticket_status mci_ticket_reopened_status(const char *assignee_name)
{
    return assignee_name != NULL && assignee_name[0] != '\0' ? MC_TICKET_ASSIGNED : MC_TICKET_OPEN;
}
