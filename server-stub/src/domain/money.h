/* domain/money.h - a building's money: its currency and tax rule, and those of an invoice
 * (its building's). Every price the server charges is taxed through these and
 * rules/pass_rules.h's ms_tax_of. */
#ifndef MS_DOMAIN_MONEY_H
#define MS_DOMAIN_MONEY_H

#include <stdint.h>

#include <sqlite3.h>

typedef struct ms_money_rule {
    char currency[4];  /* ISO 4217, e.g. "GBP" */
    char tax_name[16]; /* "GST", "VAT" */
    int64_t tax_rate_bp;
} ms_money_rule;

/* building_id's currency and tax rule. 0; 1 when there is no such building; -1. */
int ms_building_money(sqlite3 *db, const char *building_id, ms_money_rule *out);

/* The currency and tax rule of invoice_id (its building's: a pass checkout's building, a
 * company's building). 0; 1 when there is no such invoice; -1. */
int ms_invoice_money(sqlite3 *db, const char *invoice_id, ms_money_rule *out);

#endif
