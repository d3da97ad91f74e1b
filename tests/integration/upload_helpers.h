/*
 * tests/integration/upload_helpers.h - what the photo upload tests and the upload benchmark
 * share: image files made on disk (streamed, never whole in memory) with their sha256, filing
 * a ticket with photos through a client, the server's view of one upload, and the client's
 * upload rows.
 */
#ifndef TESTS_UPLOAD_HELPERS_H
#define TESTS_UPLOAD_HELPERS_H

#include <membercore/membercore.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "stub_process.h"

#define UPLOAD_ID_MAX 48

/*
 * Write a JPEG-shaped file of `bytes` bytes at path (start of image, an APP0 segment, a
 * frame header, bytes from seed, end of image), 64 KiB at a time; its sha256 (64 lower-case hex)
 * into sha_hex. Aborts the test on failure.
 */
void upload_make_jpeg(const char *path, int64_t bytes, uint32_t seed, char sha_hex[65]);

/* The sha256 of a file's bytes (streamed) into sha_hex; aborts on failure. */
void upload_file_sha256(const char *path, char sha_hex[65]);

/* A filed ticket: its id and its photos' ids, in the order given. */
typedef struct upload_ticket {
    char id[UPLOAD_ID_MAX];
    char photo_ids[5][UPLOAD_ID_MAX];
    int photo_count;
} upload_ticket;

/*
 * File a ticket (Cleaning/Washroom, high priority, the member's building) with mc_ticket_file
 * as the client's member (its store in data_dir) with the photos at paths (up to 5),
 * offline-first: nothing is sent here; the next sync round pushes ticket.create, then
 * uploads. The photos' ids are read from the store's upload rows. Aborts the test on failure.
 */
void upload_file_ticket(mc_client *client, const char *data_dir, const char *const *paths,
                        int count, upload_ticket *out);

/* The same written straight into the store in SQL, under category_id: for a category the
 * device does not know, so that the server refuses the ticket.create. */
void upload_file_ticket_in(const char *data_dir, const char *category_id, const char *const *paths,
                           int count, upload_ticket *out);

/* Declare one photo (the file at path) on a new ticket straight through POST /v1/sync/push
 * with token (no client), for a raw upload of its bytes. */
void upload_declare_raw(const stub_process *stub, const char *token, const char *path,
                        upload_ticket *out);

/* /v1/test/uploads?photo_id=: the server's view. false when it has no such photo. */
typedef struct upload_stats {
    int64_t bytes, received, bytes_received_total, requests;
    bool complete;
} upload_stats;
bool upload_server_stats(const stub_process *stub, const char *photo_id, upload_stats *out);

/* The sha256 of the bytes GET /v1/tickets/{t}/photos/{p} answers with token; false unless
 * 200. */
bool upload_server_photo_sha256(const stub_process *stub, const char *token, const char *ticket_id,
                                const char *photo_id, char sha_hex[65]);

/* dir/file opened with SQLite (a busy timeout of 10 s): the client's store (membercore.db)
 * beside a running client, or the stub's (stub.db). Aborts the test on failure. */
sqlite3 *upload_open_db(const char *dir, const char *file);

/* The client's upload row for photo_id in data_dir's store: state ("waiting", "done",
 * "failed", or "" when there is none), sent_bytes and local_path. */
void upload_local_row(const char *data_dir, const char *photo_id, char state[16],
                      int64_t *sent_bytes, char local_path[4096]);

#endif
