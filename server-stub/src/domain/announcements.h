/* domain/announcements.h - the operator's announcements: one notification to every user of a
 * building, or to everyone (docs/notifications-protocol.md, announcements). */
#ifndef MS_ANNOUNCEMENTS_H
#define MS_ANNOUNCEMENTS_H

#include "base/app.h"

/*
 * Announce title and body (deep_link: an https:// page, or NULL) as kind "announcement",
 * category announcements: with building_id, to every user of it (the members whose
 * membership is there and its staff), of that building; with NULL, to every user. The number
 * told into *told. 0; 1 when there is no such building; -1 on error.
 */
int ms_announce(ms_app *app, const char *building_id, const char *title, const char *body,
                const char *deep_link, int *told);

#endif
