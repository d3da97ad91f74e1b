/* A host built outside the tree against an installed membercore, with only what
   `pkg-config membercore` gives: scripts/check-abi.sh links it shared and statically and
   checks what it prints (the version, a store opened in argv[1], a QR code). */
#include <membercore/membercore.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s <data dir>\n", argv[0]);
        return 2;
    }
    mc_config cfg;
    mc_config_init(&cfg);
    cfg.data_dir = argv[1];
    cfg.server_url = "http://127.0.0.1:9";
    mc_client *client = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_client_open(&cfg, &client, &err) != MC_OK) {
        fprintf(stderr, "open: %s\n", err.message);
        return 1;
    }
    printf("membercore %s, store schema %d, signed in: %s\n", mc_version(),
           mc_store_schema_version(), mc_auth_is_signed_in(client) ? "yes" : "no");
    mc_client_free(client);

    mc_qr *qr = NULL;
    if (mc_qr_encode("MC1:hello", &qr, &err) != MC_OK) {
        fprintf(stderr, "qr: %s\n", err.message);
        return 1;
    }
    printf("qr version %d, width %d\n", qr->version, qr->width);
    mc_qr_free(qr);
    return 0;
}
