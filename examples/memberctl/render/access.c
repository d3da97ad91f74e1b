/*
 * render/access.c - membercore/access.h as memberctl shows it: the door
 * code of an access credential, drawn in the terminal with half blocks
 * (render/qr_draw.c) or written as an 8-bit grayscale PNG (libpng), and
 * what it is for and until when it is current; as text or JSON.
 */
#include "render/render.h"

#include <png.h>
#include <stdio.h>
#include <string.h>

#include "parse/datetime.h"
#include "render/json.h"
#include "render/qr_draw.h"

bool render_png_write(const char *path, const mc_bitmap *bm, char *msg, size_t msg_cap)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)bm->width;
    image.height = (png_uint_32)bm->height;
    image.format = PNG_FORMAT_GRAY;
    if (png_image_write_to_file(&image, path, 0, bm->pixels, (png_int_32)bm->width, NULL) != 0)
        return true;
    snprintf(msg, msg_cap, "could not write %s: %s", path, image.message);
    png_image_free(&image);
    return false;
}

static cJSON *door_code_json(const render_door *d)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL &&
              cJSON_AddStringToObject(root, "credential_id", d->target->credential_id) != NULL &&
              json_add_string_or_null(root, "pass_id",
                                      d->target->pass_id[0] != '\0' ? d->target->pass_id : NULL) &&
              cJSON_AddStringToObject(root, "payload", d->payload) != NULL &&
              json_add_local_time(root, "refresh_at", d->refresh_at_ms, &d->refresh_at, false) &&
              (d->file == NULL || cJSON_AddStringToObject(root, "file", d->file) != NULL);
    return json_finish(root, ok);
}

static void door_code_text(const render_door *d)
{
    const render_door_target *t = d->target;
    if (t->pass_id[0] != '\0')
        printf("Day pass %s: %s at %s for %s; credential %s\n", t->pass_id, t->date, t->building_id,
               t->holder, t->credential_id);
    else
        printf("Credential %s\n", t->credential_id);
    char refresh[DATETIME_LOCAL_MAX];
    datetime_format_local(&d->refresh_at, true, "?", refresh, sizeof refresh);
    int64_t left_ms = d->refresh_at_ms - d->now_ms;
    printf("Door code %s\n", d->payload);
    printf("Current until %s (%lld s from now): it rotates every 30 s, so run\n"
           "memberctl qr again then. Works offline.\n",
           refresh, (long long)(left_ms > 0 ? (left_ms + 999) / 1000 : 0));
}

int render_door_code(const app *a, const render_door *d)
{
    if (a->json)
        return out_json(a, door_code_json(d));
    if (d->qr != NULL)
        qr_draw_text(d->qr->modules, d->qr->width, d->invert, stdout);
    if (d->file != NULL)
        printf("Wrote the door QR code to %s (%d x %d pixels, %d per module, grayscale PNG).\n",
               d->file, (int)d->side, (int)d->side, (int)d->scale);
    door_code_text(d);
    return MEMBERCTL_EXIT_OK;
}
