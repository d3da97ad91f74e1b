package org.membercore;

/**
 * The state of a day pass ({@code mc_pass.status}).
 * {@link #UNKNOWN} stands for a value newer than this binding.
 */
public enum PassStatus {
    /** Seats held by a checkout not yet paid (15 minutes). */
    HELD("held"),
    /** Paid: the pass has its access credential. */
    ACTIVE("active"),
    /** The hold lapsed unpaid. */
    RELEASED("released"),
    /** A value this binding does not know (a newer core or server). */
    UNKNOWN("unknown");

    private final String wireName;

    PassStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The core's lower-case name, e.g. {@code "held"}. */
    public String wireName() {
        return wireName;
    }

    /** The constant with this name; {@link #UNKNOWN} for any other (null included). */
    public static PassStatus fromWireName(String name) {
        for (PassStatus v : values()) {
            if (v != UNKNOWN && v.wireName.equals(name)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
