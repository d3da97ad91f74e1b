/*
 * bindings/jni/src/natives_desks.c - hot desks by the day (membercore/desks.h): search (local),
 * book (plan or credits offline, Razorpay online), confirm a card payment, cancel, the member's
 * desk days (whole or a page) and their dedicated desk; the core's names of the desk states.
 *
 * Its classes and natives are the tables of mcj_desks_area (glue.h). A desk booking goes up as
 * three arrays (strings, ints, BuildingTimes, in the orders DeskBooking.java names), its amount
 * and its three flags, so its constructor's signature stays short; a desk's features as a
 * String[].
 */
#include <stdio.h>
#include <stdlib.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  PKG "BuildingTime;"

static struct {
    jclass desk, search, booking;
    jmethodID desk_init, search_init, booking_init;
} dk;

static const mcj_class_spec classes[] = {
    {"org/membercore/Desk", "<init>", "(" S S S S "[" S "IZ)V", &dk.desk, &dk.desk_init},
    {"org/membercore/DeskSearch", "<init>", "([" PKG "Desk;IIII" MCJ_MONEY BT "I" S ")V",
     &dk.search, &dk.search_init},
    {"org/membercore/DeskBooking", "<init>", "([" S "[I[" BT MCJ_MONEY "ZZZ)V", &dk.booking,
     &dk.booking_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

/* Each element in its own local frame, so a long list never piles up references. */
static jobject new_desk(JNIEnv *env, const void *item)
{
    const mc_desk *d = item;
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring id = mcj_str(env, d->id);
    jstring building_id = id ? mcj_str(env, d->building_id) : NULL;
    jstring name = building_id ? mcj_str(env, d->name) : NULL;
    jstring area = name ? mcj_str(env, d->area) : NULL;
    jobjectArray features =
        area ? mcj_string_field_array(env, d->features, sizeof *d->features, 0, d->feature_count)
             : NULL;
    jobject obj = NULL;
    if (features != NULL)
        obj = (*env)->NewObject(env, dk.desk, dk.desk_init, id, building_id, name, area, features,
                                (jint)d->kind, (jboolean)d->mine);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_search(JNIEnv *env, const mc_desk_search *s)
{
    if ((*env)->PushLocalFrame(env, 6) != 0)
        return NULL;
    jobject obj = NULL, checkin_by = NULL;
    jobjectArray desks =
        mcj_build_array(env, dk.desk, s->desks, sizeof *s->desks, s->count, new_desk);
    jobject price = desks ? mcj_money(env, s->day_price) : NULL;
    jstring why = price ? mcj_str(env, s->why_none_message) : NULL;
    if (why != NULL && mcj_building_time(env, &s->checkin_by, &checkin_by))
        obj = (*env)->NewObject(env, dk.search, dk.search_init, desks, (jint)s->taken_count,
                                (jint)s->desk_days_left, (jint)s->credits_left,
                                (jint)s->day_credits, price, checkin_by, (jint)s->why_none, why);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_booking(JNIEnv *env, const void *item)
{
    const mc_desk_booking *b = item;
    /* The orders of DeskBooking.java's S_*, I_* and T_* indices. */
    const char *strings[] = {b->id,       b->desk_id,         b->desk_name,
                             b->area,     b->building_id,     b->date,
                             b->order_id, b->razorpay_key_id, b->credential_id};
    const jint ints[] = {(jint)b->status, (jint)b->paid_by, (jint)b->desk_days, (jint)b->credits};
    const mc_local_time *times[] = {&b->checkin_by, &b->hold_expires_at, &b->checked_in_at,
                                    &b->released_at};
    enum {
        NS = sizeof strings / sizeof strings[0],
        NI = sizeof ints / sizeof ints[0],
        NT = sizeof times / sizeof times[0],
    };
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    mcj_record r;
    jobject obj = NULL, amount = NULL;
    if (mcj_record_arrays(env, strings, NS, ints, NI, NULL, 0, times, NT, &r) &&
        (amount = mcj_money(env, b->amount)) != NULL)
        obj = (*env)->NewObject(env, dk.booking, dk.booking_init, r.strings, r.ints, r.times,
                                amount, (jboolean)b->door_code_ready, (jboolean)b->checked_in,
                                (jboolean)b->pending);
    return (*env)->PopLocalFrame(env, obj);
}

/* A booking the core handed over (or throw err), freeing it either way. */
static jobject booking_result(JNIEnv *env, mc_status st, mc_desk_booking *b, const mc_error *err)
{
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, err);
    else if (b == NULL)
        mcj_throw_status(env, MC_ERR_SERVER, "the core returned no desk booking");
    else
        obj = new_booking(env, b);
    mc_desk_booking_free(b);
    return obj;
}

/* ---- the natives ----------------------------------------------------------------------- */

static jstring desk_state_name(JNIEnv *env, jclass cls, jint kind, jint value)
{
    (void)cls;
    const char *name = "unknown";
    if (kind == 0)
        name = mc_desk_booking_status_name((mc_desk_booking_status)value);
    else if (kind == 1)
        name = mc_desk_payment_name((mc_desk_payment)value);
    return mcj_str(env, name);
}

/* features as C strings; a null element is refused here, named ("features[1] is null"). */
static bool features_arg(JNIEnv *env, jobjectArray features, char ***out, size_t *n)
{
    if (!mcj_arg_strings(env, features, "features", "", out, n))
        return false;
    for (size_t i = 0; i < *n; i++) {
        if ((*out)[i] == NULL) {
            char message[64];
            snprintf(message, sizeof message, "features[%zu] is null", i);
            mcj_throw_status(env, MC_ERR_INVALID_ARG, message);
            mcj_free_strings(*out, *n);
            *out = NULL;
            *n = 0;
            return false;
        }
    }
    return true;
}

static jobject desks_search(JNIEnv *env, jclass cls, jlong h, jstring building_id, jstring date,
                            jstring area, jobjectArray features)
{
    (void)cls;
    char *b = NULL, *d = NULL, *a = NULL, **f = NULL;
    size_t f_count = 0;
    jobject obj = NULL;
    if (mcj_arg(env, building_id, "building_id", &b) && mcj_arg(env, date, "date", &d) &&
        mcj_arg(env, area, "area", &a) && features_arg(env, features, &f, &f_count)) {
        mc_desk_query q = {b, d, a, (const char *const *)f, f_count};
        mc_desk_search *s = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mc_desks_search(mcj_handle(h)->client, &q, &s, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else if (s == NULL)
            mcj_throw_status(env, MC_ERR_SERVER, "the core returned no desk search");
        else
            obj = new_search(env, s);
        mc_desk_search_free(s);
    }
    free(b);
    free(d);
    free(a);
    mcj_free_strings(f, f_count);
    return obj;
}

static jobject desk_book(JNIEnv *env, jclass cls, jlong h, jstring desk_id, jstring date, jint pay)
{
    (void)cls;
    char *k = NULL, *d = NULL;
    jobject obj = NULL;
    if (mcj_arg(env, desk_id, "desk_id", &k) && mcj_arg(env, date, "date", &d)) {
        mc_desk_booking *b = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_desk_book(mcj_handle(h)->client, k, d, (mc_desk_payment)pay, &b, &err);
        obj = booking_result(env, st, b, &err);
    }
    free(k);
    free(d);
    return obj;
}

static jobject desk_confirm_payment(JNIEnv *env, jclass cls, jlong h, jstring booking_id,
                                    jstring order_id, jstring payment_id, jstring signature)
{
    (void)cls;
    mcj_razorpay r;
    jobject obj = NULL;
    if (mcj_razorpay_args(env, booking_id, order_id, payment_id, signature, &r)) {
        mc_desk_booking *out = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_desk_confirm_payment(mcj_handle(h)->client, r.booking_id, r.order_id,
                                               r.payment_id, r.signature, &out, &err);
        obj = booking_result(env, st, out, &err);
    }
    mcj_razorpay_free(&r);
    return obj;
}

static jobject desk_cancel(JNIEnv *env, jclass cls, jlong h, jstring booking_id)
{
    (void)cls;
    char *b = NULL;
    if (!mcj_arg(env, booking_id, "booking_id", &b))
        return NULL;
    mc_desk_booking *out = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desk_cancel(mcj_handle(h)->client, b, &out, &err);
    free(b);
    return booking_result(env, st, out, &err);
}

static jobjectArray desk_bookings(JNIEnv *env, jclass cls, jlong h, jstring from_date)
{
    (void)cls;
    char *f = NULL;
    if (!mcj_arg(env, from_date, "from_date", &f))
        return NULL;
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desk_bookings_list(mcj_handle(h)->client, f, &list, &err);
    free(f);
    jobjectArray array = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        array = mcj_build_array(env, dk.booking, list ? list->items : NULL, sizeof *list->items,
                                list ? list->count : 0, new_booking);
    mc_desk_booking_list_free(list);
    return array;
}

static jobject desk_bookings_page(JNIEnv *env, jclass cls, jlong h, jstring from_date, jint limit,
                                  jstring cursor)
{
    (void)cls;
    char *f = NULL;
    mcj_page page;
    if (!mcj_arg(env, from_date, "from_date", &f))
        return NULL;
    if (!mcj_page_arg(env, limit, cursor, &page)) {
        free(f);
        return NULL;
    }
    mc_desk_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_desk_bookings_page(mcj_handle(h)->client, f, &page.page, &list, &err);
    free(f);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result =
            mcj_list_page(env, dk.booking, list ? list->items : NULL, sizeof *list->items,
                          list ? list->count : 0, new_booking, list ? list->next_cursor : NULL);
    mc_desk_booking_list_free(list);
    return result;
}

static jobject desk_mine(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_desk *d = NULL;
    mc_error err = MC_ERROR_INIT;
    jobject obj = NULL;
    if (mc_desk_mine(mcj_handle(h)->client, &d, &err) != MC_OK)
        mcj_throw_error(env, &err);
    else if (d != NULL)
        obj = new_desk(env, d);
    mc_desk_free(d);
    return obj;
}

static const JNINativeMethod natives[] = {
    {"deskStateName", "(II)" S, (void *)desk_state_name},
    {"desksSearch", "(J" S S S "[" S ")" PKG "DeskSearch;", (void *)desks_search},
    {"deskBook", "(J" S S "I)" PKG "DeskBooking;", (void *)desk_book},
    {"deskConfirmPayment", "(J" S S S S ")" PKG "DeskBooking;", (void *)desk_confirm_payment},
    {"deskCancel", "(J" S ")" PKG "DeskBooking;", (void *)desk_cancel},
    {"deskBookings", "(J" S ")[" PKG "DeskBooking;", (void *)desk_bookings},
    {"deskBookingsPage", "(J" S "I" S ")" PKG "ListPage;", (void *)desk_bookings_page},
    {"deskMine", "(J)" PKG "Desk;", (void *)desk_mine},
};

const mcj_area mcj_desks_area = MCJ_AREA("desks", classes, natives);
