/*
 * tests/fuzz/fuzz_link.c - libFuzzer harness: notification deep links (mc_link_parse and the
 * list's mci_link_parse, then mci_link_words). Any text is parsed or refused with a message;
 * the two parsers agree on the kind and the id; an accepted id fits and carries no '/'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "community/links.h"
#include "fuzz_client.h"
#include "membercore/notifications.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what, const char *uri)
{
    if (!ok) {
        fprintf(stderr, "fuzz_link: %s: \"%s\"\n", what, uri);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *uri = fuzz_text(data, size);
    mc_link_target target;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_link_parse(uri, &target, &err);
    char id[MC_LINK_ID_MAX + 1];
    mc_link_kind kind = mci_link_parse(uri, id, sizeof id);
    if (st == MC_OK) {
        check(target.kind != MC_LINK_OTHER, "mc_link_parse gave MC_LINK_OTHER", uri);
        check(kind == target.kind, "the two parsers disagree on the kind", uri);
        check(strcmp(id, target.id) == 0, "the two parsers disagree on the id", uri);
        check(strlen(target.id) <= MC_LINK_ID_MAX, "the id is too long", uri);
        check(strchr(target.id, '/') == NULL, "the id has a '/'", uri);
    } else {
        check(err.message[0] != '\0', "a refusal without a message", uri);
        check(kind == MC_LINK_OTHER || kind == MC_LINK_NONE, "refused but kind given", uri);
    }
    char words[256];
    mci_link_words(kind, id, uri, words, sizeof words);
    free(uri);
    return 0;
}
