package org.membercore;

/**
 * What an access credential admits ({@code mc_credential.kind}).
 * {@link #UNKNOWN} stands for a value newer than this binding.
 */
public enum CredentialKind {
    /** A day pass of the member's. */
    PASS("pass"),
    /** A guest of a room booking. */
    BOOKING_GUEST("booking_guest"),
    /** A value this binding does not know (a newer core or server). */
    UNKNOWN("unknown");

    private final String wireName;

    CredentialKind(String wireName) {
        this.wireName = wireName;
    }

    /** The core's lower-case name, e.g. {@code "pass"}. */
    public String wireName() {
        return wireName;
    }

    /** The constant with this name; {@link #UNKNOWN} for any other (null included). */
    public static CredentialKind fromWireName(String name) {
        for (CredentialKind v : values()) {
            if (v != UNKNOWN && v.wireName.equals(name)) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
