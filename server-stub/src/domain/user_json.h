/* domain/user_json.h - the "user" object of the HTTP contract, built from a loaded ms_user. */
#ifndef MS_USER_JSON_H
#define MS_USER_JSON_H

#include <cjson/cJSON.h>

#include "domain/users.h"

/* The user object (see openapi.yaml, schema User). NULL when memory runs out. */
cJSON *ms_user_json(const ms_user *user);
/* Load user id from db and add its object to parent under "user". 0 / -1. */
int ms_user_json_add(sqlite3 *db, const char *id, cJSON *parent);

#endif
