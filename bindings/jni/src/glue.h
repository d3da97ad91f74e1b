/*
 * bindings/jni/src/glue.h - internals of libmembercore_jni shared by its files.
 *
 * The Java side is org.membercore.Native (static natives, registered in JNI_OnLoad with
 * RegisterNatives); every class and method id the glue needs is cached there too, as
 * Android's JNI guidance asks (FindClass on a thread the core created would only see the
 * system class loader). Each natives_<area>.c says what it caches and registers in one
 * mcj_area (below); onload.c only walks the list of areas.
 */
#ifndef MCJ_GLUE_H
#define MCJ_GLUE_H

#include <jni.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <membercore/membercore.h>

#include "mcj_jni.h"
#include "mcj_platform.h"

/*
 * One area of the API (natives_<area>.c), all alike: the classes and method ids it caches and the
 * natives it registers on org.membercore.Native, as two tables. onload.c walks the list of areas
 * in JNI_OnLoad (cache, then register) and JNI_OnUnload (release); an area calls nothing in
 * onload.c, and no area registers or caches anything itself.
 */
typedef struct mcj_class_spec {
    const char *name;   /* "org/membercore/Account" */
    const char *method; /* "<init>" for a constructor, another method's name, or NULL: none */
    const char *sig;    /* the method's JNI signature; NULL with method NULL */
    jclass *cls;        /* receives the class as a counted global reference */
    jmethodID *id;      /* receives the method id; NULL with method NULL */
} mcj_class_spec;

typedef struct mcj_area {
    const char *name; /* for messages: "booking" */
    const mcj_class_spec *classes;
    size_t class_count;
    const JNINativeMethod *natives; /* signatures must match Native.java */
    size_t native_count;
} mcj_area;

#define MCJ_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* An area over its two static tables (either may be a one-element table of an area without). */
#define MCJ_AREA(name, classes, natives)                                                           \
    {                                                                                              \
        name, classes, MCJ_COUNT(classes), natives, MCJ_COUNT(natives)                             \
    }

/* The areas, each defined in its natives_<area>.c; onload.c lists them. */
extern const mcj_area mcj_convert_area;   /* convert.c: String, MemberCoreException, ListPage,
                                            BuildingTime */
extern const mcj_area mcj_client_area;    /* natives_client.c: open/close, versions, test hooks */
extern const mcj_area mcj_auth_area;      /* natives_auth.c: sign-in, account, push token */
extern const mcj_area mcj_sync_area;      /* natives_sync.c: sync, listeners, wake-up */
extern const mcj_area mcj_community_area; /* natives_community.c: outbox, events, inbox */
extern const mcj_area mcj_booking_area;   /* natives_booking.c: meeting rooms */
extern const mcj_area mcj_billing_area;   /* natives_billing.c: passes, invoices, membership */
extern const mcj_area mcj_access_area;    /* natives_access.c: credentials, QR codes */
extern const mcj_area mcj_catalog_area;   /* natives_catalog.c: buildings */
extern const mcj_area mcj_tickets_area;   /* natives_tickets.c: facility tickets */
extern const mcj_area mcj_staff_area;     /* natives_staff.c: the staff's ticket queue */
extern const mcj_area mcj_visitors_area;  /* natives_visitors.c: visitors and reception */
extern const mcj_area mcj_notifications_area; /* natives_notifications.c: preferences, mark all
                                                read, prune, links */
extern const mcj_area mcj_desks_area;         /* natives_desks.c: hot desks by the day */
extern const mcj_area mcj_announcements_area; /* natives_announcements.c: announcements */
extern const mcj_area mcj_offers_area;        /* natives_offers.c: partner offers */
extern const mcj_area mcj_calendar_area;      /* natives_calendar.c: the iCalendar export */
extern const mcj_area mcj_today_area;         /* natives_today.c: the member's day */
extern const mcj_area mcj_transport_area;     /* natives_transport.c: a Java HTTP transport */

/* Type signature pieces for the tables. */
#define MCJ_S     "Ljava/lang/String;"
#define MCJ_PKG   "Lorg/membercore/"
#define MCJ_MONEY "Lorg/membercore/Money;"
#define MCJ_TAX   "Lorg/membercore/Tax;"

/* One registered listener: the core calls on_sync_event with it as context. */
typedef struct mcj_listener {
    uint64_t token;
    jobject registration; /* global ref to an org.membercore.ListenerRegistration */
    struct mcj_listener *next;
} mcj_listener;

/* What a Java MemberCore's handle points to. */
typedef struct mcj_client {
    mc_client *client;
    mcj_platform *platform;
    struct mcj_transport *transport; /* the Java transport's context, or NULL (built-in) */
    pthread_mutex_t lock;            /* guards the three fields below */
    mcj_listener *listeners;
    /* Listeners removed from inside their own callback: the core may still be running
     * them on another thread, so their references are released at close. */
    mcj_listener *graveyard;
    jobject wakeup; /* global ref to a Runnable, or NULL */
    jobject clock;  /* global ref to an org.membercore.Clock, or NULL; fixed from open to close */
    bool released;  /* closed and its Java references released: no new listener or wake-up */
} mcj_client;

static inline mcj_client *mcj_handle(jlong h)
{
    return (mcj_client *)(intptr_t)h;
}

/* ---- convert.c ---------------------------------------------------------------------- */

/* Throw org.membercore.MemberCoreException for err. */
void mcj_throw_error(JNIEnv *env, const mc_error *err);
/* Throw MemberCoreException(code, message) for a failure the glue finds itself. */
void mcj_throw_status(JNIEnv *env, mc_status code, const char *message);
/*
 * A Java string argument -> malloc'd UTF-8 in *out (NULL for a null string). False with an
 * exception pending: out of memory, or INVALID_ARG naming field when it holds U+0000, which a
 * C string cannot carry.
 */
bool mcj_arg(JNIEnv *env, jstring s, const char *field, char **out);
/* A never-null Java string: NULL becomes "". */
jstring mcj_str(JNIEnv *env, const char *utf8);
/* An mc_local_time as an org.membercore.BuildingTime in *out (a local reference), or NULL when
 * it is unset (the API's 0). False with an exception pending when it could not be made. */
bool mcj_building_time(JNIEnv *env, const mc_local_time *t, jobject *out);
/* org.membercore.BuildingTime (cached), for arrays of them. */
jclass mcj_building_time_class(void);

/* A Java array of count elements of cls, element i made by make(env, items + i * size), each
 * dropped from the local references once stored; NULL with an exception pending when one could
 * not be made. */
jobjectArray mcj_build_array(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                             jobject (*make)(JNIEnv *, const void *));

/* Pages (convert.c; membercore/page.h). A paged native takes the Java Page as (int limit, String
 * cursor) and answers an org.membercore.ListPage, or a result carrying its next cursor. */

/* A page request: page.cursor points into cursor, the malloc'd copy (free it after the call). */
typedef struct mcj_page {
    mc_page page;
    char *cursor;
} mcj_page;
/* limit and cursor (null: the first page) -> *out. The limit is passed as is (the core refuses a
 * negative one). False with an exception pending (out of memory, or INVALID_ARG for a cursor
 * holding U+0000). */
bool mcj_page_arg(JNIEnv *env, jint limit, jstring cursor, mcj_page *out);
/* An org.membercore.ListPage of count items (made as mcj_build_array makes them, of class cls)
 * and next_cursor (NULL: the last page, null in Java); NULL with an exception pending. */
jobject mcj_list_page(JNIEnv *env, jclass cls, const void *items, size_t size, size_t count,
                      jobject (*make)(JNIEnv *, const void *), const char *next_cursor);
/* A next cursor as Java sees it: NULL stays null (the last page); NULL with an exception
 * pending only when next_cursor is not NULL. */
jstring mcj_cursor(JNIEnv *env, const char *next_cursor);

/* Arrays (convert.c). Lists of small values cross as parallel arrays that the Java constructors
 * assemble, so a list makes one JNI object per element, not per field of a sub-list. */

/*
 * A Java String[] -> *out, *n malloc'd UTF-8 strings (NULL for a null element; *out NULL for a
 * null or empty array). Each element is checked like mcj_arg and named field[i]suffix
 * ("guests[2].email"). False with an exception pending. Free with mcj_free_strings.
 */
bool mcj_arg_strings(JNIEnv *env, jobjectArray array, const char *field, const char *suffix,
                     char ***out, size_t *n);
void mcj_free_strings(char **v, size_t n);
/* A String[] of the char * field at offset in each of n items of size bytes (NULL as ""). */
jobjectArray mcj_string_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                    size_t n);
/* An int[] / long[] of the int32_t / int64_t field at offset in each of n items. */
jintArray mcj_int_field_array(JNIEnv *env, const void *items, size_t size, size_t offset, size_t n);
jlongArray mcj_long_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                size_t n);
/* Money and tax rules (membercore/money.h): an org.membercore.Money (minor, currency and
 * mc_money_format's text) / Tax (name, rate, mc_tax_format's text); a Money[] of the mc_money
 * field at offset in each of n items. NULL with an exception pending. */
jobject mcj_money(JNIEnv *env, mc_money money);
jobject mcj_tax(JNIEnv *env, mc_tax tax);
jobjectArray mcj_money_field_array(JNIEnv *env, const void *items, size_t size, size_t offset,
                                   size_t n);

/*
 * A record's fields as the four arrays Ticket and Visitor take (so their constructors' signatures
 * stay short): a String[] of ns strings (NULL as ""), an int[] of ni, a long[] of nl and a
 * BuildingTime[] of nt times (an unset one null), in the orders the Java class names. Four local
 * references in the caller's frame; false with an exception pending.
 */
typedef struct mcj_record {
    jobjectArray strings;
    jintArray ints;
    jlongArray longs;
    jobjectArray times;
} mcj_record;
bool mcj_record_arrays(JNIEnv *env, const char *const *strings, jsize ns, const jint *ints,
                       jsize ni, const jlong *longs, jsize nl, const mc_local_time *const *times,
                       jsize nt, mcj_record *out);

/* What Razorpay checkout returned for a booking (a room's or a desk's), as C strings. */
typedef struct mcj_razorpay {
    char *booking_id, *order_id, *payment_id, *signature;
} mcj_razorpay;
/* The four arguments -> *out (each checked like mcj_arg, named "booking_id", ...). False with an
 * exception pending; free with mcj_razorpay_free either way. */
bool mcj_razorpay_args(JNIEnv *env, jstring booking_id, jstring order_id, jstring payment_id,
                       jstring signature, mcj_razorpay *out);
void mcj_razorpay_free(mcj_razorpay *r);

/* A byte[] copy of n bytes, in one JNI call. */
jbyteArray mcj_byte_array(JNIEnv *env, const uint8_t *bytes, size_t n);

/* ---- natives_tickets.c, for natives_staff.c -------------------------------------------- */

/* An org.membercore.Ticket of t (its timeline and photos when t has them); NULL with an
 * exception pending. */
jobject mcj_ticket(JNIEnv *env, const mc_ticket *t);

/* ---- the areas' lists, for natives_today.c ----------------------------------------------- */

/* A Java array of the list's items as each area builds them (Event[], Invoice[], Visitor[],
 * Ticket[], Announcement[]); a NULL list gives an empty array. NULL with an exception pending. */
jobjectArray mcj_event_array(JNIEnv *env, const mc_event_list *list);     /* community */
jobjectArray mcj_invoice_array(JNIEnv *env, const mc_invoice_list *list); /* billing */
jobjectArray mcj_visitor_array(JNIEnv *env, const mc_visitor_list *list); /* visitors */
jobjectArray mcj_ticket_array(JNIEnv *env, const mc_ticket_list *list);   /* tickets */
jobjectArray mcj_announcement_array(JNIEnv *env, const mc_announcement_list *list);
/* An org.membercore.Membership of m (not NULL); NULL with an exception pending. (billing) */
jobject mcj_membership(JNIEnv *env, const mc_membership *m);

/* ---- natives_transport.c, for natives_client.c's open and close ------------------------ */

/* An mc_transport over a Java org.membercore.TransportBridge. */
typedef struct mcj_transport mcj_transport;
/* Fill *out with hooks over bridge (not NULL), held by a global reference; NULL when out of
 * memory. The core owns the result from mc_client_open on (its release hook frees it). */
mcj_transport *mcj_transport_new(JNIEnv *env, jobject bridge, mc_transport *out);
/* Drop the Java reference: after mc_client_close (no hook runs any more; a send that would
 * start anyway fails with MC_ERR_CANCELLED). Again, or NULL: nothing to do. */
void mcj_transport_drop(JNIEnv *env, mcj_transport *t);

/* ---- natives_sync.c, for natives_client.c's open and close ---------------------------- */

/* The core's wake-up hook, set once per client at open; calls the current Runnable. */
void mcj_on_wakeup(void *context);
/* Release every listener and the wake-up of a client whose mc_client is closed, and mark it
 * released: a listener or wake-up set afterwards (a call that raced with close) is refused with
 * MC_ERR_STATE. Again: nothing to do. */
void mcj_release_listeners(JNIEnv *env, mcj_client *jc);

#endif
