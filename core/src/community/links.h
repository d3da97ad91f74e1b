/*
 * community/links.h - where a notification's deep link leads: its kind and the item it
 * names (pure), and the words a member reads ("opens invoice INV-2026-0011"), with the
 * item's name looked up in the local store.
 */
#ifndef MCI_COMMUNITY_LINKS_H
#define MCI_COMMUNITY_LINKS_H

#include <stddef.h>

#include "membercore/community.h"
#include "catalog/zones.h"
#include "membercore/error.h"
#include "read/read.h"

/* The kind of uri ("" or NULL: MC_LINK_NONE) and the item it names into id (cap bytes,
 * "" when it names none), by mc_link_parse's strict rules: a link it refuses is
 * MC_LINK_OTHER. Pure (community/link_parse.c). */
mc_link_kind mci_link_parse(const char *uri, char *id, size_t cap);

/* "opens invoice INV-2026-0011" for kind and name (the item's number or title; the id when
 * nothing better is known) into out; "" for MC_LINK_NONE. Pure. */
void mci_link_words(mc_link_kind kind, const char *name, const char *uri, char *out, size_t cap);

/* Fill link_kind, link_id (the id as the link gives it) and link_text of the list's
 * notifications, naming invoices and tickets by their number, events and announcements by
 * their title, offers by their partner and title, visitors by their name, bookings by their room
 * and start in book's building time and day passes by their day and building, from r's store.
 * MC_ERR_NO_MEMORY, MC_ERR_STORAGE. */
mc_status mci_links_fill(mci_reader *r, mci_zone_book *book, mc_notification_list *list,
                         mc_error *err);

#endif
