/*
 * tests/fuzz/answer_server.c - a one-answer HTTP server on 127.0.0.1 for the fuzz harnesses and
 * the push-answer unit test (answer_server.h): libmicrohttpd, its own thread, the answer
 * behind a mutex.
 */
#include "answer_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

struct answer_server {
    struct MHD_Daemon *daemon;
    pthread_mutex_t lock;
    unsigned status;
    char *body;
    size_t len;
    uint64_t requests;
    char url[64];
};

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;
    answer_server *server = cls;
    if (*con_cls == NULL) { /* headers only so far */
        *con_cls = server;
        return MHD_YES;
    }
    if (*upload_data_size != 0) { /* the request body: read and dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    pthread_mutex_lock(&server->lock);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(server->len, server->body, MHD_RESPMEM_MUST_COPY);
    unsigned status = server->status;
    server->requests++;
    pthread_mutex_unlock(&server->lock);
    if (resp == NULL)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return r;
}

answer_server *answer_server_start(void)
{
    answer_server *server = calloc(1, sizeof *server);
    if (server == NULL)
        return NULL;
    pthread_mutex_init(&server->lock, NULL);
    server->status = 200;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server->daemon =
        MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
                         on_request, server, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_END);
    const union MHD_DaemonInfo *info =
        server->daemon ? MHD_get_daemon_info(server->daemon, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (info == NULL) {
        answer_server_stop(server);
        return NULL;
    }
    snprintf(server->url, sizeof server->url, "http://127.0.0.1:%u", (unsigned)info->port);
    return server;
}

const char *answer_server_url(const answer_server *server)
{
    return server->url;
}

void answer_server_set(answer_server *server, unsigned status, const void *body, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy == NULL)
        abort();
    if (len)
        memcpy(copy, body, len);
    pthread_mutex_lock(&server->lock);
    free(server->body);
    server->body = copy;
    server->len = len;
    server->status = status;
    pthread_mutex_unlock(&server->lock);
}

uint64_t answer_server_requests(const answer_server *server)
{
    answer_server *s = (answer_server *)server;
    pthread_mutex_lock(&s->lock);
    uint64_t n = s->requests;
    pthread_mutex_unlock(&s->lock);
    return n;
}

void answer_server_stop(answer_server *server)
{
    if (server == NULL)
        return;
    if (server->daemon)
        MHD_stop_daemon(server->daemon);
    free(server->body);
    pthread_mutex_destroy(&server->lock);
    free(server);
}
