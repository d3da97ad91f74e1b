/* domain/ticket_filing.h - the member's ticket mutations (docs/tickets-protocol.md "Mutations"):
 * ticket.create (number, SLA, declared photos), ticket.comment, ticket.resolve, ticket.reopen;
 * every check before any write, with the protocol's refusal codes. */
#ifndef MS_TICKET_FILING_H
#define MS_TICKET_FILING_H

#include <cjson/cJSON.h>

#include "base/app.h"
#include "domain/bookings.h"
#include "rules/ticket_rules.h"

/*
 * ticket.create by user_id: {ticket_id, building_id, category_id, priority, description, location,
 * photos}. Applied: the ticket (status open, the building's next number, SLA instants in business
 * hours), its photos declared (nothing received yet), a "created" timeline entry, the change log
 * and the member's "received" notification. 0 applied, 1 refused (*why: unknown_category,
 * too_many_photos, description_too_long, photo_too_large, not_found, invalid_argument; nothing
 * written), -1 on error. In the caller's transaction.
 */
int ms_ticket_file(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/*
 * ticket.comment by user_id: {ticket_id, comment_id, text, photos} on their own ticket (another's
 * is not_found), not closed (ticket_closed). 0 applied, 1 refused, -1 on error.
 */
int ms_ticket_comment(ms_app *app, const char *user_id, const cJSON *payload, ms_refusal *why);

/*
 * ticket.resolve (MS_MOVE_RESOLVE) or ticket.reopen (MS_MOVE_REOPEN) by user_id: {ticket_id} of
 * their own ticket. Refusals: not_found, invalid_transition, reopen_window_passed. 0 applied, 1
 * refused, -1 on error.
 */
int ms_ticket_member_move(ms_app *app, const char *user_id, const cJSON *payload,
                          ms_ticket_move move, ms_refusal *why);

#endif
