/* access/projections.c - the typed projection of credentials (the secret stays in `entity`). */
#include "access/projections.h"

const mci_projection mci_access_projections[] = {
    {"credential",
     "INSERT OR REPLACE INTO credential_row (id, kind, building_id, valid_from_ms, "
     "valid_until_ms, pass_id, reservation_id) SELECT ?1, coalesce(" MCI_FIELD(
         "kind") ", ''), "
                 "coalesce(" MCI_FIELD("building_id") ", ''), coalesce(" MCI_FIELD(
                     "valid_from_ms") ", 0), "
                                      "coalesce(" MCI_FIELD("valid_until_ms") ", 0), "
                                                                              "coalesce(" MCI_FIELD(
                                                                                  "pass_id") ", "
                                                                                             "''), "
                                                                                             "coale"
                                                                                             "sce"
                                                                                             "(" MCI_FIELD(
                                                                                                 "r"
                                                                                                 "e"
                                                                                                 "s"
                                                                                                 "e"
                                                                                                 "r"
                                                                                                 "v"
                                                                                                 "a"
                                                                                                 "t"
                                                                                                 "i"
                                                                                                 "o"
                                                                                                 "n"
                                                                                                 "_"
                                                                                                 "i"
                                                                                                 "d") ", '') FROM json_each(?2)",
     "DELETE FROM credential_row WHERE id = ?1", "DELETE FROM credential_row"},
};
const size_t mci_access_projection_count =
    sizeof mci_access_projections / sizeof *mci_access_projections;
