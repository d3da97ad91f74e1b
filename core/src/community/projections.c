/* community/projections.c - typed projections of notifications, events and the member's RSVPs. */
#include "community/projections.h"

/* "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT. */
const mci_projection mci_community_projections[] =
    {
        {"notification",
         "INSERT INTO notification_row (id, category, title, body, deep_link, created_at_ms, read) "
         "SELECT ?1, coalesce(" MCI_FIELD("category") ", ''), coalesce(" MCI_FIELD(
             "title") ", ''), "
                      "coalesce(" MCI_FIELD("body") ", ''), coalesce(" MCI_FIELD(
                          "deep_link") ", ''), "
                                       "coalesce(" MCI_FIELD("created_at_ms") ", 0), "
                                                                              "coalesce(" MCI_FIELD(
                                                                                  "read") ", 0) != "
                                                                                          "0 "
                                                                                          "FROM "
                                                                                          "json_"
                                                                                          "each(?2)"
                                                                                          " WHERE "
                                                                                          "true ON "
                                                                                          "CONFLICT"
                                                                                          " (id) "
                                                                                          "DO "
                                                                                          "UPDATE "
                                                                                          "SET "
                                                                                          "category"
                                                                                          " = "
                                                                                          "excluded"
                                                                                          ".categor"
                                                                                          "y, "
                                                                                          "title = "
                                                                                          "excluded"
                                                                                          ".title, "
                                                                                          "body = "
                                                                                          "excluded"
                                                                                          ".body, "
                                                                                          "deep_"
                                                                                          "link = "
                                                                                          "excluded"
                                                                                          ".deep_"
                                                                                          "link, "
                                                                                          "created_"
                                                                                          "at_ms = "
                                                                                          "excluded"
                                                                                          ".created"
                                                                                          "_at_ms, "
                                                                                          "read = "
                                                                                          "excluded"
                                                                                          ".read",
         "DELETE FROM notification_row WHERE id = ?1", "DELETE FROM notification_row"},
        {"event",
         "INSERT INTO event_row (id, building_id, title, description, starts_at_ms, ends_at_ms, "
         "capacity, going_count) SELECT ?1, coalesce(" MCI_FIELD(
             "building_id") ", ''), "
                            "coalesce(" MCI_FIELD("title") ", ''), coalesce(" MCI_FIELD(
                                "description") ", ''), "
                                               "coalesce(" MCI_FIELD("starts_at_ms") ", 0), "
                                                                                     "coalesce"
                                                                                     "(" MCI_FIELD(
                                                                                         "ends_at_"
                                                                                         "ms") ", "
                                                                                               "0),"
                                                                                               " "
                                                                                               "coa"
                                                                                               "les"
                                                                                               "ce"
                                                                                               "(" MCI_FIELD("capacity") ", 0), coalesce(" MCI_FIELD(
                                                                                                   "going_count") ", 0) "
                                                                                                                  "FROM json_each(?2) WHERE true ON CONFLICT (id) DO UPDATE SET building_id = "
                                                                                                                  "excluded.building_id, title = excluded.title, description = excluded.description, "
                                                                                                                  "starts_at_ms = excluded.starts_at_ms, ends_at_ms = excluded.ends_at_ms, capacity = "
                                                                                                                  "excluded.capacity, going_count = excluded.going_count",
         "DELETE FROM event_row WHERE id = ?1", "DELETE FROM event_row"},
        {"rsvp",
         "INSERT OR REPLACE INTO rsvp_row (event_id, status) VALUES (?1, "
         "coalesce(json_extract(?2, '$.status'), ''))",
         "DELETE FROM rsvp_row WHERE event_id = ?1", "DELETE FROM rsvp_row"},
};
const size_t mci_community_projection_count =
    sizeof mci_community_projections / sizeof *mci_community_projections;
