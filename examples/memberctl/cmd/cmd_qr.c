/*
 * cmd_qr.c - qr: the door code of an access credential (membercore/access.h),
 * rendered offline from the secret the core keeps: a rotating payload (a new
 * one every 30 s) drawn in the terminal with half blocks, or written as an
 * 8-bit grayscale PNG with libpng. memberctl never sees the secret.
 */
#include "memberctl.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "parse/values.h"
#include "render/render.h"

#define SCALE_DEFAULT 8
#define SCALE_MAX     64 /* access.h: mc_qr_bitmap takes 1..64 pixels per module */

static int state_error(app *a, const char *message)
{
    mc_error err = {.code = MC_ERR_STATE, .attempts_left = -1};
    snprintf(err.message, sizeof err.message, "%s", message);
    return out_core_error(a, MC_ERR_STATE, &err);
}

/*
 * A pass id maps to its pass's credential; anything else is taken as a
 * credential id (mc_credential_payload says when there is none).
 */
static int resolve(app *a, mc_client *client, const char *id, render_door_target *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->credential_id, sizeof t->credential_id, "%s", id);
    mc_pass_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_passes_list(client, &list, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    int rc = COMMAND_CONTINUE;
    for (size_t i = 0; i < list->count; i++) {
        const mc_pass *p = &list->items[i];
        if (strcmp(out_str(p->id), id) != 0 && strcmp(out_str(p->credential_id), id) != 0)
            continue;
        if (out_str(p->credential_id)[0] == '\0') {
            char msg[MC_ERROR_MESSAGE_MAX];
            if (p->status == MC_PASS_HELD)
                snprintf(msg, sizeof msg,
                         "pass %s is held, waiting for payment: it gets its access credential "
                         "once paid",
                         id);
            else
                snprintf(msg, sizeof msg, "pass %s is %s: it has no access credential", id,
                         mc_pass_status_name(p->status));
            rc = state_error(a, msg);
            break;
        }
        snprintf(t->credential_id, sizeof t->credential_id, "%s", p->credential_id);
        snprintf(t->pass_id, sizeof t->pass_id, "%s", out_str(p->id));
        snprintf(t->date, sizeof t->date, "%s", out_str(p->date));
        snprintf(t->building_id, sizeof t->building_id, "%s", out_str(p->building_id));
        render_holder(p->holder_name, p->holder_email, t->holder, sizeof t->holder);
        snprintf(t->guest_email, sizeof t->guest_email, "%s", out_str(p->holder_email));
        break;
    }
    mc_pass_list_free(list);
    return rc;
}

/* Encode payload and write it to path; COMMAND_CONTINUE or the exit code. */
static int write_qr_png(app *a, const char *payload, int32_t scale, const char *path, int32_t *side)
{
    mc_bitmap *bm = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_qr_bitmap(payload, scale, &bm, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    char msg[512];
    bool ok = render_png_write(path, bm, msg, sizeof msg);
    *side = bm->width;
    mc_bitmap_free(bm);
    if (!ok)
        return out_error_in(a, "io_error", MC_ERR_STORAGE, msg, NULL);
    return COMMAND_CONTINUE;
}

static int run_qr(app *a, const command *self, int argc, char **argv)
{
    arg_opt opts[] = {
        {"--out", true, NULL},
        {"--scale", true, NULL},
        {"--invert", false, NULL},
    };
    args p = {.opts = opts, .nopts = sizeof opts / sizeof opts[0], .pos_max = 1};
    int rc = command_parse(a, self, &p, argc, argv);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (p.npos == 0)
        return out_usage(a, self,
                         "missing CREDENTIAL_OR_PASS_ID (memberctl passes lists your passes)");
    const char *file = args_value(&p, "--out");
    const char *scale_text = args_value(&p, "--scale");
    bool invert = args_value(&p, "--invert") != NULL;
    int32_t scale = SCALE_DEFAULT;
    if (file != NULL && file[0] == '\0')
        return out_usage(a, self, "option '--out' is empty");
    if (scale_text != NULL && file == NULL)
        return out_usage(a, self, "option '--scale' is for the PNG: give --out FILE.png too");
    if (invert && file != NULL)
        return out_usage(a, self, "option '--invert' is for the terminal drawing, not --out");
    if (scale_text != NULL &&
        (!values_parse_count(scale_text, &scale) || scale < 1 || scale > SCALE_MAX))
        return out_usage(a, self, "option '--scale': '%s' is not 1 to %d pixels per module",
                         scale_text, SCALE_MAX);

    mc_client *client = NULL;
    if ((rc = command_client(a, &client)) != COMMAND_CONTINUE)
        return rc;
    render_door_target t;
    if ((rc = resolve(a, client, p.pos[0], &t)) != COMMAND_CONTINUE)
        return rc;
    char payload[MC_ACCESS_PAYLOAD_MAX];
    int64_t refresh_at_ms = 0;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credential_payload(client, t.credential_id, payload, sizeof payload,
                                         &refresh_at_ms, &err);
    if (st != MC_OK) {
        rc = out_core_error(a, st, &err);
        if (st == MC_ERR_NOT_FOUND && t.guest_email[0] != '\0')
            fprintf(stderr, "Pass %s is a guest's: its door code was emailed to %s.\n", t.pass_id,
                    t.guest_email);
        else if (st == MC_ERR_NOT_FOUND)
            fprintf(stderr, "memberctl passes lists your passes and their credentials; "
                            "memberctl sync fetches new ones.\n");
        return rc;
    }
    mc_local_time refresh_at;
    st = mc_credential_local_time(client, t.credential_id, refresh_at_ms, &refresh_at, &err);
    if (st != MC_OK)
        return out_core_error(a, st, &err);
    render_door door = {
        .target = &t,
        .payload = payload,
        .refresh_at_ms = refresh_at_ms,
        .refresh_at = refresh_at,
        .now_ms = mc_client_now(client),
        .invert = invert,
        .file = file,
        .scale = scale,
    };
    if (file != NULL &&
        (rc = write_qr_png(a, payload, scale, file, &door.side)) != COMMAND_CONTINUE)
        return rc;
    /* The terminal drawing, unless the code went to a file or to JSON. */
    mc_qr *qr = NULL;
    if (file == NULL && !a->json) {
        st = mc_qr_encode(payload, &qr, &err);
        if (st != MC_OK)
            return out_core_error(a, st, &err);
    }
    door.qr = qr;
    rc = render_door_code(a, &door);
    mc_qr_free(qr);
    return rc;
}

const command cmd_qr = {
    "qr",
    "qr CREDENTIAL_OR_PASS_ID [--out FILE.png [--scale N]] [--invert]",
    "show the door QR code of a pass or credential (offline)",
    "Renders the rotating door code of an access credential from the local\n"
    "store, with no network: a pass id (memberctl passes) stands for its\n"
    "pass's credential. The code changes every 30 s and a door reader accepts\n"
    "each one once; the output says until when it is current (the building's\n"
    "local time): run the command again then. The credential's secret never\n"
    "leaves the core.\n"
    "Without --out the QR code is drawn in the terminal with half blocks, its\n"
    "quiet zone included, the blocks being the light modules (as for a light-\n"
    "on-dark terminal).\n"
    "  --out FILE.png   write it as an 8-bit grayscale PNG instead\n"
    "  --scale N        pixels per module in the PNG, 1 to 64 (default 8)\n"
    "  --invert         draw the dark modules as blocks (a dark-on-light terminal)\n"
    "A pass not paid yet, or a credential outside its validity window (the\n"
    "pass's date, the building's local day), exits 2 (invalid_state); an\n"
    "unknown id exits 2 (not_found).\n"
    "\n"
    "JSON: {\"credential_id\",\"pass_id\"|null,\"payload\",\"refresh_at_ms\",\n"
    "       \"refresh_at\",\"refresh_at_local\",\"refresh_at_zone\",\"file\"} (\"file\" only\n"
    "       with --out; nothing is drawn)\n",
    run_qr,
};
