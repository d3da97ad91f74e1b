/*
 * bindings/jni/src/natives_booking.c - meeting rooms (membercore/booking.h): search, bookings,
 * Razorpay payment, cancellation, the member's bookings and company credits.
 *
 * Its classes and natives are the tables of mcj_booking_area (glue.h). Lists of small values (a
 * room's free blocks, a booking's guests) cross as parallel primitive / String arrays that the
 * Java constructors assemble (convert.c's mcj_string_field_array and mcj_arg_strings); a
 * block's local start time (a BuildingTime) is the one object made per block.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glue.h"

#define S   MCJ_S
#define PKG MCJ_PKG
#define BT  MCJ_PKG "BuildingTime;"

static struct {
    jclass room_search, room, booking, credits, credit_line;
    jmethodID room_search_init, room_init, booking_init, credits_init, credit_line_init;
} bk;

static const mcj_class_spec classes[] = {
    {"org/membercore/RoomSearch", "<init>", "([" PKG "Room;" S "I" S ")V", &bk.room_search,
     &bk.room_search_init},
    {"org/membercore/Room", "<init>", "(" S S S "I[" S MCJ_MONEY "I[J[I[" BT "I" S ")V", &bk.room,
     &bk.room_init},
    {"org/membercore/Booking", "<init>",
     "(" S S S "JJ" BT BT "III" MCJ_MONEY "Z[" S "[" S "[" S S S "Z)V", &bk.booking,
     &bk.booking_init},
    {"org/membercore/Credits", "<init>", "(" S S "III[" PKG "CreditLine;" S ")V", &bk.credits,
     &bk.credits_init},
    {"org/membercore/CreditLine", "<init>", "(" S "II" S S "J" BT ")V", &bk.credit_line,
     &bk.credit_line_init},
};

/* ---- C -> Java ------------------------------------------------------------------------- */

/* The free blocks as two parallel arrays (start instants, local minutes). */
static bool slot_arrays(JNIEnv *env, const mc_slot *slots, size_t n, jlongArray *starts,
                        jintArray *minutes)
{
    *starts = (*env)->NewLongArray(env, (jsize)n);
    *minutes = *starts != NULL ? (*env)->NewIntArray(env, (jsize)n) : NULL;
    if (*minutes == NULL)
        return false;
    if (n == 0)
        return true;
    jlong *s = malloc(n * sizeof *s);
    jint *m = malloc(n * sizeof *m);
    if (s == NULL || m == NULL) {
        free(s);
        free(m);
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        s[i] = (jlong)slots[i].start_ms;
        m[i] = (jint)slots[i].local_minute;
    }
    (*env)->SetLongArrayRegion(env, *starts, 0, (jsize)n, s);
    (*env)->SetIntArrayRegion(env, *minutes, 0, (jsize)n, m);
    free(s);
    free(m);
    return true;
}

/* A block's local start (a BuildingTime; an mcj_build_array maker). */
static jobject new_slot_start(JNIEnv *env, const void *item)
{
    jobject obj = NULL;
    mcj_building_time(env, &((const mc_slot *)item)->start, &obj);
    return obj;
}

/* Each element in its own local frame, so a long list never piles up references. */

static jobject new_room(JNIEnv *env, const void *item)
{
    const mc_room *r = item;
    if ((*env)->PushLocalFrame(env, 12) != 0)
        return NULL;
    jobject obj = NULL;
    jobjectArray local_starts = NULL;
    jlongArray starts = NULL;
    jintArray minutes = NULL;
    jstring id = mcj_str(env, r->id);
    jstring building_id = id ? mcj_str(env, r->building_id) : NULL;
    jstring name = building_id ? mcj_str(env, r->name) : NULL;
    jobjectArray amenities =
        name ? mcj_string_field_array(env, r->amenities, sizeof *r->amenities, 0, r->amenity_count)
             : NULL;
    jobject price = amenities ? mcj_money(env, r->price_per_hour) : NULL;
    jstring why = price ? mcj_str(env, r->why_none_message) : NULL;
    if (why != NULL && slot_arrays(env, r->free, r->free_count, &starts, &minutes))
        local_starts = mcj_build_array(env, mcj_building_time_class(), r->free, sizeof *r->free,
                                       r->free_count, new_slot_start);
    if (local_starts != NULL)
        obj = (*env)->NewObject(env, bk.room, bk.room_init, id, building_id, name,
                                (jint)r->capacity, amenities, price, (jint)r->credits_per_hour,
                                starts, minutes, local_starts, (jint)r->why_none, why);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_room_search(JNIEnv *env, const mc_room_search *s)
{
    jobjectArray rooms =
        mcj_build_array(env, bk.room, s->rooms, sizeof *s->rooms, s->count, new_room);
    jstring timezone = rooms ? mcj_str(env, s->timezone) : NULL;
    jstring why = timezone ? mcj_str(env, s->why_none_message) : NULL;
    jobject obj = NULL;
    if (why != NULL)
        obj = (*env)->NewObject(env, bk.room_search, bk.room_search_init, rooms, timezone,
                                (jint)s->why_none, why);
    (*env)->DeleteLocalRef(env, rooms);
    (*env)->DeleteLocalRef(env, timezone);
    (*env)->DeleteLocalRef(env, why);
    return obj;
}

static jobject new_booking(JNIEnv *env, const void *item)
{
    const mc_booking *b = item;
    if ((*env)->PushLocalFrame(env, 16) != 0)
        return NULL;
    jobject obj = NULL, start = NULL, end = NULL;
    size_t g = sizeof *b->guests;
    jstring id = mcj_str(env, b->id);
    jstring room_id = id ? mcj_str(env, b->room_id) : NULL;
    jstring building_id = room_id ? mcj_str(env, b->building_id) : NULL;
    jobjectArray names =
        building_id ? mcj_string_field_array(env, b->guests, g, offsetof(mc_booking_guest, name),
                                             b->guest_count)
                    : NULL;
    jobjectArray emails =
        names ? mcj_string_field_array(env, b->guests, g, offsetof(mc_booking_guest, email),
                                       b->guest_count)
              : NULL;
    jobjectArray credentials =
        emails ? mcj_string_field_array(env, b->guests, g,
                                        offsetof(mc_booking_guest, credential_id), b->guest_count)
               : NULL;
    jstring order_id = credentials ? mcj_str(env, b->order_id) : NULL;
    jstring key_id = order_id ? mcj_str(env, b->razorpay_key_id) : NULL;
    jobject amount = key_id ? mcj_money(env, b->amount) : NULL;
    if (amount != NULL && mcj_building_time(env, &b->start, &start) &&
        mcj_building_time(env, &b->end, &end))
        obj = (*env)->NewObject(env, bk.booking, bk.booking_init, id, room_id, building_id,
                                (jlong)b->start_ms, (jlong)b->end_ms, start, end, (jint)b->status,
                                (jint)b->paid_by, (jint)b->credits, amount, (jboolean)b->paid,
                                names, emails, credentials, order_id, key_id, (jboolean)b->pending);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_credit_line(JNIEnv *env, const void *item)
{
    const mc_credit_line *l = item;
    if ((*env)->PushLocalFrame(env, 5) != 0)
        return NULL;
    jobject obj = NULL, at = NULL;
    jstring id = mcj_str(env, l->id);
    jstring reason = id ? mcj_str(env, l->reason) : NULL;
    jstring reservation_id = reason ? mcj_str(env, l->reservation_id) : NULL;
    if (reservation_id != NULL && mcj_building_time(env, &l->at, &at))
        obj =
            (*env)->NewObject(env, bk.credit_line, bk.credit_line_init, id, (jint)l->delta,
                              (jint)l->balance_after, reason, reservation_id, (jlong)l->at_ms, at);
    return (*env)->PopLocalFrame(env, obj);
}

static jobject new_credits(JNIEnv *env, const mc_credits *c)
{
    if ((*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jobject obj = NULL;
    jstring company_id = mcj_str(env, c->company_id);
    jstring company_name = company_id ? mcj_str(env, c->company_name) : NULL;
    jobjectArray ledger = company_name
                              ? mcj_build_array(env, bk.credit_line, c->ledger, sizeof *c->ledger,
                                                c->ledger_count, new_credit_line)
                              : NULL;
    jstring next = ledger ? mcj_cursor(env, c->ledger_next_cursor) : NULL;
    if (ledger != NULL && !(*env)->ExceptionCheck(env))
        obj = (*env)->NewObject(env, bk.credits, bk.credits_init, company_id, company_name,
                                (jint)c->monthly_credits, (jint)c->balance, (jint)c->pending_debit,
                                ledger, next);
    return (*env)->PopLocalFrame(env, obj);
}

/* Return a booking the core handed over (or throw err), freeing it either way. */
static jobject booking_result(JNIEnv *env, mc_status st, mc_booking *booking, const mc_error *err)
{
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, err);
    else
        obj = new_booking(env, booking);
    mc_booking_free(booking);
    return obj;
}

/* ---- the natives ----------------------------------------------------------------------- */

static jobject search_rooms(JNIEnv *env, jclass cls, jlong h, jstring building_id, jstring date,
                            jstring from, jstring to, jint min_capacity, jobjectArray amenities)
{
    (void)cls;
    char *b = NULL, *d = NULL, *f = NULL, *t = NULL, **a = NULL;
    size_t a_count = 0;
    jobject obj = NULL;
    if (mcj_arg(env, building_id, "building_id", &b) && mcj_arg(env, date, "date", &d) &&
        mcj_arg(env, from, "from", &f) && mcj_arg(env, to, "to", &t) &&
        mcj_arg_strings(env, amenities, "amenities", "", &a, &a_count)) {
        mc_room_query q = {b, d, f, t, (int32_t)min_capacity, (const char *const *)a, a_count};
        mc_room_search *s = NULL;
        mc_error err = MC_ERROR_INIT;
        if (mc_rooms_search(mcj_handle(h)->client, &q, &s, &err) != MC_OK)
            mcj_throw_error(env, &err);
        else
            obj = new_room_search(env, s);
        mc_room_search_free(s);
    }
    free(b);
    free(d);
    free(f);
    free(t);
    mcj_free_strings(a, a_count);
    return obj;
}

static jobject create_booking(JNIEnv *env, jclass cls, jlong h, jstring room_id, jstring date,
                              jstring start, jint hours, jobjectArray guest_names,
                              jobjectArray guest_emails, jint pay)
{
    (void)cls;
    char *r = NULL, *d = NULL, *s = NULL, **names = NULL, **emails = NULL;
    size_t name_count = 0, email_count = 0;
    mc_guest *guests = NULL;
    jobject obj = NULL;
    bool ok = mcj_arg(env, room_id, "room_id", &r) && mcj_arg(env, date, "date", &d) &&
              mcj_arg(env, start, "start", &s) &&
              mcj_arg_strings(env, guest_names, "guests", ".name", &names, &name_count) &&
              mcj_arg_strings(env, guest_emails, "guests", ".email", &emails, &email_count);
    if (ok && name_count != email_count) {
        mcj_throw_status(env, MC_ERR_INVALID_ARG, "guests: as many names as emails are needed");
        ok = false;
    }
    if (ok && name_count > 0 && (guests = calloc(name_count, sizeof *guests)) == NULL) {
        mcj_throw_status(env, MC_ERR_NO_MEMORY, "out of memory");
        ok = false;
    }
    if (ok) {
        for (size_t i = 0; i < name_count; i++) {
            guests[i].name = names[i];
            guests[i].email = emails[i];
        }
        mc_booking_request req = {r, d, s, (int32_t)hours, guests, name_count, (mc_payment)pay};
        mc_booking *booking = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_booking_create(mcj_handle(h)->client, &req, &booking, &err);
        obj = booking_result(env, st, booking, &err);
    }
    free(r);
    free(d);
    free(s);
    mcj_free_strings(names, name_count);
    mcj_free_strings(emails, email_count);
    free(guests);
    return obj;
}

static jobject confirm_payment(JNIEnv *env, jclass cls, jlong h, jstring booking_id,
                               jstring order_id, jstring payment_id, jstring signature)
{
    (void)cls;
    mcj_razorpay r;
    jobject obj = NULL;
    if (mcj_razorpay_args(env, booking_id, order_id, payment_id, signature, &r)) {
        mc_booking *booking = NULL;
        mc_error err = MC_ERROR_INIT;
        mc_status st = mc_booking_confirm_payment(mcj_handle(h)->client, r.booking_id, r.order_id,
                                                  r.payment_id, r.signature, &booking, &err);
        obj = booking_result(env, st, booking, &err);
    }
    mcj_razorpay_free(&r);
    return obj;
}

static jobject cancel_booking(JNIEnv *env, jclass cls, jlong h, jstring booking_id)
{
    (void)cls;
    char *id = NULL;
    if (!mcj_arg(env, booking_id, "booking_id", &id))
        return NULL;
    mc_booking *booking = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_booking_cancel(mcj_handle(h)->client, id, &booking, &err);
    free(id);
    return booking_result(env, st, booking, &err);
}

static jobjectArray bookings(JNIEnv *env, jclass cls, jlong h, jlong from_ms)
{
    (void)cls;
    mc_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    if (mc_bookings_list(mcj_handle(h)->client, (int64_t)from_ms, &list, &err) != MC_OK) {
        mc_booking_list_free(list);
        mcj_throw_error(env, &err);
        return NULL;
    }
    jobjectArray array = mcj_build_array(env, bk.booking, list->items, sizeof *list->items,
                                         list->count, new_booking);
    mc_booking_list_free(list);
    return array;
}

static jobject bookings_page(JNIEnv *env, jclass cls, jlong h, jlong from_ms, jint limit,
                             jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_booking_list *list = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st =
        mc_bookings_page(mcj_handle(h)->client, (int64_t)from_ms, &page.page, &list, &err);
    free(page.cursor);
    jobject result = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, &err);
    else
        result = mcj_list_page(env, bk.booking, list->items, sizeof *list->items, list->count,
                               new_booking, list->next_cursor);
    mc_booking_list_free(list);
    return result;
}

/* The credits the core handed over (or throw err), freeing them either way. */
static jobject credits_result(JNIEnv *env, mc_status st, mc_credits *c, const mc_error *err)
{
    jobject obj = NULL;
    if (st != MC_OK)
        mcj_throw_error(env, err);
    else
        obj = new_credits(env, c);
    mc_credits_free(c);
    return obj;
}

static jobject credits(JNIEnv *env, jclass cls, jlong h)
{
    (void)cls;
    mc_credits *c = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credits_get(mcj_handle(h)->client, &c, &err);
    return credits_result(env, st, c, &err);
}

static jobject credits_page(JNIEnv *env, jclass cls, jlong h, jint limit, jstring cursor)
{
    (void)cls;
    mcj_page page;
    if (!mcj_page_arg(env, limit, cursor, &page))
        return NULL;
    mc_credits *c = NULL;
    mc_error err = MC_ERROR_INIT;
    mc_status st = mc_credits_get_page(mcj_handle(h)->client, &page.page, &c, &err);
    free(page.cursor);
    return credits_result(env, st, c, &err);
}

static const JNINativeMethod natives[] = {
    {"searchRooms", "(J" S S S S "I[" S ")" PKG "RoomSearch;", (void *)search_rooms},
    {"createBooking", "(J" S S S "I[" S "[" S "I)" PKG "Booking;", (void *)create_booking},
    {"confirmPayment", "(J" S S S S ")" PKG "Booking;", (void *)confirm_payment},
    {"cancelBooking", "(J" S ")" PKG "Booking;", (void *)cancel_booking},
    {"bookings", "(JJ)[" PKG "Booking;", (void *)bookings},
    {"bookingsPage", "(JJI" S ")" PKG "ListPage;", (void *)bookings_page},
    {"credits", "(J)" PKG "Credits;", (void *)credits},
    {"creditsPage", "(JI" S ")" PKG "Credits;", (void *)credits_page},
};

const mcj_area mcj_booking_area = MCJ_AREA("booking", classes, natives);
