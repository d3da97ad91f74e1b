package org.membercore;

/**
 * The state of an invoice ({@code mc_invoice.status}).
 * {@link #UNKNOWN} stands for a value newer than this binding.
 */
public enum InvoiceStatus {
    /** A pass checkout waiting for its payment. */
    DRAFT("draft"),
    /** Due: {@link Billing#payInvoice} opens an order for it. */
    ISSUED("issued"),
    PAID("paid"),
    /** Past its due date unpaid: {@link Billing#payInvoice} still opens an order. */
    OVERDUE("overdue"),
    /** Cancelled (a lapsed checkout). */
    VOID("void"),
    /** A value this binding does not know (a newer core or server). */
    UNKNOWN("unknown");

    private final String wireName;

    InvoiceStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The core's lower-case name, e.g. {@code "paid"}. */
    public String wireName() {
        return wireName;
    }

    /** The constant with this name; {@link #UNKNOWN} for any other (null included). */
    public static InvoiceStatus fromWireName(String name) {
        for (InvoiceStatus v : values()) {
            if (v != UNKNOWN && v.wireName.equals(name)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
