/* api/reply.c - filling a handler's reply: JSON bodies, raw bytes and {"code","message"} errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "base/log.h"
#include "base/text.h"

const char *ms_query(const ms_request *req, const char *key)
{
    return req->query ? req->query(req->query_context, key) : NULL;
}

const char *ms_header(const ms_request *req, const char *name)
{
    return req->header ? req->header(req->query_context, name) : NULL;
}

cJSON *ms_json_add_int(cJSON *obj, const char *name, int64_t value)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", (long long)value);
    return cJSON_AddRawToObject(obj, name, text);
}

void ms_reply_clear(ms_reply *reply)
{
    cJSON_Delete(reply->body);
    reply->body = NULL;
    free(reply->raw);
    reply->raw = NULL;
    reply->raw_len = 0;
}

void ms_reply_bytes(ms_reply *reply, void *raw, size_t len, const char *content_type)
{
    ms_reply_clear(reply);
    if (!raw) {
        ms_log("out of memory building a reply");
        ms_reply_internal(reply);
        return;
    }
    reply->status = 200;
    reply->raw = raw;
    reply->raw_len = len;
    reply->raw_type = content_type;
}

void ms_reply_json(ms_reply *reply, int status, cJSON *body)
{
    ms_reply_clear(reply);
    if (!body) {
        ms_log("out of memory building a reply");
        ms_reply_internal(reply);
        return;
    }
    reply->status = status;
    reply->body = body;
}

void ms_reply_empty(ms_reply *reply)
{
    ms_reply_clear(reply);
    reply->status = 204;
}

static void reply_error_v(ms_reply *reply, int status, const char *code, const char *fmt,
                          va_list ap)
{
    char message[256];
    vsnprintf(message, sizeof message, fmt, ap);
    ms_utf8_scrub(message); /* a message cut short, or quoting bad input, stays UTF-8 */
    ms_reply_clear(reply);
    reply->status = status;
    /* If this allocation fails the reply goes out with its status and no body. */
    cJSON *body = cJSON_CreateObject();
    if (body && cJSON_AddStringToObject(body, "code", code) &&
        cJSON_AddStringToObject(body, "message", message))
        reply->body = body;
    else
        cJSON_Delete(body);
}

void ms_reply_error(ms_reply *reply, int status, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    reply_error_v(reply, status, code, fmt, ap);
    va_end(ap);
}

void ms_reply_invalid(ms_reply *reply, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    reply_error_v(reply, 400, "invalid_argument", fmt, ap);
    va_end(ap);
}

void ms_reply_internal(ms_reply *reply)
{
    ms_reply_error(reply, 500, "internal", "the server failed; try again");
    reply->keep_writes = false;
}
