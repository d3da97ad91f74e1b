/*
 * tests/fuzz/fuzz_auth_reply.c - libFuzzer harness: the server's answers to sign-in. A loopback
 * HTTP server answers with the input (first byte: the call and the HTTP status; the rest: the
 * body) and the client runs the call through the real transport: requesting a code,
 * verifying one (the token and the user it signs in), completing the profile or logging out.
 * The client is signed in again as usr_1 before each input.
 */
#include <pthread.h>
#include <stdlib.h>

#include "account/session.h"
#include "fuzz_client.h"
#include "handle/handle.h"
#include "membercore/auth.h"

static mc_client *client;
static answer_server *server;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    client = fuzz_client_open_served(&server);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    answer_server_set(server, fuzz_http_status(data[0] >> 2), data + 1, size - 1);
    mc_error err = MC_ERROR_INIT;
    mc_account *account = NULL;
    switch (data[0] & 3) {
    case 0: {
        mc_otp_request request;
        mc_auth_request_otp(client, "+919800000001", &request, &err);
        break;
    }
    case 1: {
        bool new_user = false;
        mc_otp_request request;
        answer_server_set(server, 200, "{\"phone\":\"+919800000001\"}", 25);
        mc_auth_request_otp(client, "+919800000001", &request, &err); /* a pending sign-in */
        answer_server_set(server, fuzz_http_status(data[0] >> 2), data + 1, size - 1);
        mc_auth_verify_otp(client, "123456", &new_user, &account, &err);
        break;
    }
    case 2: {
        mc_profile profile = {.name = "Asha Rao",
                              .email = "asha.rao@acme.example",
                              .company = "Acme Corp",
                              .city = "Bengaluru"};
        mc_auth_complete_profile(client, &profile, &account, &err);
        break;
    }
    default:
        mc_auth_logout(client, &err);
        break;
    }
    mc_account_free(account);
    if (!mc_auth_is_signed_in(client) && mci_session_save(client, "fuzz-token", &err) != MC_OK)
        abort();
    return 0;
}
