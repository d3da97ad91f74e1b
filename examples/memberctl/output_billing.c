/*
 * output_billing.c - day passes and Razorpay orders as memberctl shows them
 * (membercore/billing.h): one JSON object each, or a line or a few of text.
 * Money is integer paise, shown as rupees with exactly two decimals; instants
 * are ISO-8601 UTC; pass dates are the building's local dates.
 */
#include "output.h"

#include <stdio.h>
#include <string.h>

#include "values.h"

void out_rupees(int64_t paise, char *out, size_t out_cap)
{
    char digits[32];
    /* Negate in unsigned arithmetic (values_format_rupees does the same). */
    uint64_t abs = paise < 0 ? 0u - (uint64_t)paise : (uint64_t)paise;
    snprintf(digits, sizeof digits, "%llu.%02llu", (unsigned long long)(abs / 100),
             (unsigned long long)(abs % 100));
    snprintf(out, out_cap, "%s\u20b9%s", paise < 0 ? "-" : "", digits);
}

cJSON *out_order_json(const mc_order *o)
{
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL &&
              cJSON_AddStringToObject(obj, "invoice_id", out_str(o->invoice_id)) != NULL &&
              cJSON_AddStringToObject(obj, "order_id", out_str(o->order_id)) != NULL &&
              cJSON_AddStringToObject(obj, "key_id", out_str(o->key_id)) != NULL &&
              cJSON_AddNumberToObject(obj, "amount_paise", (double)o->amount_paise) != NULL &&
              cJSON_AddStringToObject(obj, "currency", out_str(o->currency)) != NULL &&
              out_add_time_json(obj, "hold_expires_at", o->hold_expires_at_ms, true);
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

void out_pay_next(const mc_order *o, char *out, size_t out_cap)
{
    snprintf(out, out_cap, OUT_PAY_NEXT, out_str(o->order_id));
}

void out_order_human(const mc_order *o)
{
    char amount[OUT_RUPEES_MAX], next[256];
    out_rupees(o->amount_paise, amount, sizeof amount);
    out_pay_next(o, next, sizeof next);
    printf("  Invoice     %s\n", out_str(o->invoice_id));
    printf("  Order       %s (Razorpay)\n", out_str(o->order_id));
    printf("  Amount      %s", amount);
    if (out_str(o->currency)[0] != '\0' && strcmp(o->currency, "INR") != 0)
        printf(" (%s)", o->currency);
    printf("\n");
    printf("  Key id      %s\n", out_str(o->key_id));
    if (o->hold_expires_at_ms != 0) {
        char hold[VALUES_TIME_MAX];
        values_format_time(o->hold_expires_at_ms, hold, sizeof hold);
        printf("  Held until  %s (UTC); unpaid by then, the passes are released\n", hold);
    } else {
        printf("  Held until  nothing is held\n");
    }
    printf("Pay it with Razorpay checkout, then confirm with what checkout returns:\n");
    printf("  %s\n", next);
}

cJSON *out_pass_json(const mc_pass *p)
{
    const char *name = out_str(p->holder_name);
    const char *email = out_str(p->holder_email);
    cJSON *obj = cJSON_CreateObject();
    bool ok = obj != NULL && cJSON_AddStringToObject(obj, "id", out_str(p->id)) != NULL &&
              cJSON_AddStringToObject(obj, "building_id", out_str(p->building_id)) != NULL &&
              cJSON_AddStringToObject(obj, "date", out_str(p->date)) != NULL &&
              cJSON_AddBoolToObject(obj, "self", name[0] == '\0' && email[0] == '\0') != NULL &&
              cJSON_AddStringToObject(obj, "holder_name", name) != NULL &&
              cJSON_AddStringToObject(obj, "holder_email", email) != NULL &&
              cJSON_AddStringToObject(obj, "status", mc_pass_status_name(p->status)) != NULL &&
              cJSON_AddStringToObject(obj, "invoice_id", out_str(p->invoice_id)) != NULL &&
              cJSON_AddStringToObject(obj, "credential_id", out_str(p->credential_id)) != NULL;
    if (!ok) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

void out_pass_human(const mc_pass *p)
{
    const char *name = out_str(p->holder_name);
    const char *email = out_str(p->holder_email);
    char holder[VALUES_GUEST_NAME_MAX + VALUES_GUEST_EMAIL_MAX + 8];
    if (name[0] == '\0' && email[0] == '\0')
        snprintf(holder, sizeof holder, "you");
    else
        snprintf(holder, sizeof holder, "%s <%s>", name, email);
    const char *credential = out_str(p->credential_id);
    printf("  %s  %s  %s  %-8s  %s", out_str(p->id), out_str(p->date), out_str(p->building_id),
           mc_pass_status_name(p->status), holder);
    if (credential[0] != '\0')
        printf(", credential %s%s", credential, email[0] != '\0' ? " (emailed to them)" : "");
    printf("\n");
}
