/*
 * output_booking.c - bookings as memberctl shows them (membercore/booking.h):
 * one JSON object each, or a few lines of text. Money is integer paise,
 * shown as rupees; instants are ISO-8601 UTC (a booking carries no zone).
 */
#include "output.h"

#include <stdio.h>

#include "values.h"

const char *out_payment_name(mc_payment pay)
{
    switch (pay) {
    case MC_PAY_CREDITS:
        return "credits";
    case MC_PAY_RAZORPAY:
        return "razorpay";
    }
    return "unknown";
}

void out_booking_cost(const mc_booking *b, char *out, size_t out_cap)
{
    if (b->paid_by == MC_PAY_CREDITS) {
        snprintf(out, out_cap, "%d credit%s", (int)b->credits, b->credits == 1 ? "" : "s");
    } else {
        char rupees[32];
        values_format_rupees(b->amount_paise, rupees, sizeof rupees);
        snprintf(out, out_cap, "\u20b9%s", rupees);
    }
}

static cJSON *guests_json(const mc_booking *b)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && i < b->guest_count; i++) {
        const mc_booking_guest *g = &b->guests[i];
        cJSON *obj = cJSON_CreateObject();
        bool ok =
            obj != NULL && cJSON_AddStringToObject(obj, "name", out_str(g->name)) != NULL &&
            cJSON_AddStringToObject(obj, "email", out_str(g->email)) != NULL &&
            cJSON_AddStringToObject(obj, "credential_id", out_str(g->credential_id)) != NULL &&
            cJSON_AddItemToArray(array, obj);
        if (!ok) {
            cJSON_Delete(obj);
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

cJSON *out_booking_json(const mc_booking *b)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok =
        obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(b->id)) != NULL &&
        cJSON_AddStringToObject(obj, "room_id", out_str(b->room_id)) != NULL &&
        cJSON_AddStringToObject(obj, "building_id", out_str(b->building_id)) != NULL &&
        out_add_time_json(obj, "start", b->start_ms, false) &&
        out_add_time_json(obj, "end", b->end_ms, false) &&
        cJSON_AddStringToObject(obj, "status", mc_booking_status_name(b->status)) != NULL &&
        cJSON_AddStringToObject(obj, "paid_by", out_payment_name(b->paid_by)) != NULL &&
        cJSON_AddNumberToObject(obj, "credits", b->credits) != NULL &&
        cJSON_AddNumberToObject(obj, "amount_paise", (double)b->amount_paise) != NULL &&
        out_add_item(obj, "guests", guests_json(b)) &&
        cJSON_AddStringToObject(obj, "order_id", out_str(b->order_id)) != NULL &&
        cJSON_AddStringToObject(obj, "razorpay_key_id", out_str(b->razorpay_key_id)) != NULL &&
        cJSON_AddBoolToObject(obj, "pending", b->pending) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

void out_booking_human(const mc_booking *b)
{
    char start[VALUES_TIME_MAX], end[VALUES_TIME_MAX], cost[48];
    values_format_time(b->start_ms, start, sizeof start);
    values_format_time(b->end_ms, end, sizeof end);
    out_booking_cost(b, cost, sizeof cost);
    const char *building = out_str(b->building_id);
    printf("  %s  %s", out_str(b->id), out_str(b->room_id));
    if (building[0] != '\0')
        printf(" (%s)", building);
    printf("\n");
    printf("      %s to %s (UTC), %s, paid by %s: %s%s\n", start, end,
           mc_booking_status_name(b->status), out_payment_name(b->paid_by), cost,
           b->pending ? " (pending)" : "");
    if (b->status == MC_BOOKING_PENDING_PAYMENT && out_str(b->order_id)[0] != '\0')
        printf("      waiting for payment of Razorpay order %s\n", b->order_id);
    for (size_t i = 0; i < b->guest_count; i++) {
        const mc_booking_guest *g = &b->guests[i];
        const char *credential = out_str(g->credential_id);
        printf("      guest: %s <%s>", out_str(g->name), out_str(g->email));
        if (credential[0] != '\0')
            printf(", access credential %s", credential);
        else
            printf(", access credential not issued yet");
        printf("\n");
    }
}
