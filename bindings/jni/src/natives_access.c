/*
 * bindings/jni/src/natives_access.c - door credentials, their rotating payloads and QR codes
 * (membercore/access.h).
 *
 * Its classes and natives are the tables of mcj_access_area (glue.h). A QR code's modules and a
 * bitmap's pixels cross as one byte[] each, copied in one JNI call: no per-pixel traffic.
 */
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG

static struct {
    jclass credential, payload, qr_code, qr_bitmap;
    jmethodID credential_init, payload_init, qr_code_init, qr_bitmap_init;
} ac;

static const mcj_class_spec classes[] = {
    {"org/membercore/Credential", "<init>",
     "(" S "I" S "J" PKG "BuildingTime;J" PKG "BuildingTime;" S S S ")V", &ac.credential,
     &ac.credential_init},
    {"org/membercore/CredentialPayload", "<init>", "(" S "J" PKG "BuildingTime;)V", &ac.payload,
     &ac.payload_init},
    {"org/membercore/QrCode", "<init>", "(II[B)V", &ac.qr_code, &ac.qr_code_init},
    {"org/membercore/QrBitmap", "<init>", "(II[B)V", &ac.qr_bitmap, &ac.qr_bitmap_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

/* Each list element in its own local frame, so a long list never piles up references. */
static jobject new_credential(JNIEnv *env, const void *item)
{
    const mc_credential *c = item;
    if ((*env)->PushLocalFrame(env, 10) != 0)
        return NULL;
    jobject obj = NULL, from = NULL, until = NULL;
    jstring id = mcj_str(env, c->id);
    jstring building_id = id ? mcj_str(env, c->building_id) : NULL;
    jstring pass_id = building_id ? mcj_str(env, c->pass_id) : NULL;
    jstring reservation_id = pass_id ? mcj_str(env, c->reservation_id) : NULL;
    jstring desk_booking_id = reservation_id ? mcj_str(env, c->desk_booking_id) : NULL;
    if (desk_booking_id != NULL && mcj_building_time(env, &c->valid_from, &from) &&
        mcj_building_time(env, &c->valid_until, &until))
        obj =
            (*env)->NewObject(env, ac.credential, ac.credential_init, id, (jint)c->kind,
                              building_id, (jlong)c->valid_from_ms, from, (jlong)c->valid_until_ms,
                              until, pass_id, reservation_id, desk_booking_id);
    return (*env)->PopLocalFrame(env, obj);
}

/* A QrCode or QrBitmap of two ints and n bytes. */
static jobject new_grid(JNIEnv *env, jclass cls, jmethodID init, int32_t a, int32_t b,
                        const uint8_t *bytes, size_t n)
{
    jbyteArray array = mcj_byte_array(env, bytes, n);
    if (array == NULL)
        return NULL;
    jobject obj = (*env)->NewObject(env, cls, init, (jint)a, (jint)b, array);
    (*env)->DeleteLocalRef(env, array);
    return obj;
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobjectArray credentials(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_credential_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_credentials_list(mcj_handle(h)->client, &list, &err) != MC_OK) {
        mc_credential_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, ac.credential, list->items, sizeof *list->items,
                                         list->count, new_credential);
    mc_credential_list_free(list);
    return array;
}

static jobject credentials_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_credential_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credentials_page(mcj_handle(h)->client, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, ac.credential, list->items, sizeof *list->items, list->count,
                               new_credential, list->next_cursor);
    mc_credential_list_free(list);
    return result;
}

static jobject credential_payload(JNIEnv *env, jclass cls, jlong h, jstring credential_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, credential_id, "credential_id", &id))
        return NULL;
    char payload[MC_ACCESS_PAYLOAD_MAX];
    int64_t refresh_at_ms = 0;
    mc_error err = MC_ERROR_INIT;
    mc_local_time refresh_at;
    mc_status st = mc_credential_payload(mcj_handle(h)->client, id, payload, sizeof payload,
                                         &refresh_at_ms, &err);
    if (st == MC_OK)
        st = mc_credential_local_time(mcj_handle(h)->client, id, refresh_at_ms, &refresh_at, &err);
    free(id);
    if (st != MC_OK) {
        mcj_throw_error(env, &err);
        return NULL;
    }
    jstring text = mcj_str(env, payload);
    jobject refresh = NULL;
    jobject obj = NULL;
    if (text != NULL && mcj_building_time(env, &refresh_at, &refresh))
        obj = (*env)->NewObject(env, ac.payload, ac.payload_init, text, (jlong)refresh_at_ms,
                                refresh);
    (*env)->DeleteLocalRef(env, text);
    (*env)->DeleteLocalRef(env, refresh);
    return obj;
}

static jobject qr_encode(JNIEnv *env, jclass cls, jstring text)
{
    (void)cls;
    char *t = NULL;
    if (!mcj_arg(env, text, "text", &t))
        return NULL;
    mc_qr *qr = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_qr_encode(t, &qr, &err);
    free(t);
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        obj = new_grid(env, ac.qr_code, ac.qr_code_init, qr->version, qr->width, qr->modules,
                       (size_t)qr->width * (size_t)qr->width);
    mc_qr_free(qr);
    return obj;
}

static jobject qr_bitmap(JNIEnv *env, jclass cls, jstring text, jint scale)
{
    (void)cls;
    char *t = NULL;
    if (!mcj_arg(env, text, "text", &t))
        return NULL;
    mc_bitmap *bm = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_qr_bitmap(t, (int32_t)scale, &bm, &err);
    free(t);
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        obj = new_grid(env, ac.qr_bitmap, ac.qr_bitmap_init, bm->width, bm->height, bm->pixels,
                       (size_t)bm->width * (size_t)bm->height);
    mc_bitmap_free(bm);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"credentials", "(J)[" PKG "Credential;", (void *)credentials},
    {"credentialsPage", "(JI" S ")" PKG "ListPage;", (void *)credentials_page},
    {"credentialPayload", "(J" S ")" PKG "CredentialPayload;", (void *)credential_payload},
    {"qrEncode", "(" S ")" PKG "QrCode;", (void *)qr_encode},
    {"qrBitmap", "(" S "I)" PKG "QrBitmap;", (void *)qr_bitmap},
};

const mcj_area mcj_access_area = MCJ_AREA("access", classes, natives);
