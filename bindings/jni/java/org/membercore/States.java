package org.membercore;

/*
 * The Java side of the core's named states (BookingStatus, PassStatus, InvoiceStatus,
 * MembershipStatus, CredentialKind): each enum declares its constants in the C enum's order, so
 * a constant's ordinal is the C value the glue passes, and its name is the core's (mc_*_name).
 * No state name is spelt in Java.
 */
final class States {
    private States() {
    }

    /* An enum whose constants carry their C value (the ticket enums, whose C enums have no
     * "unknown" member: theirs is -1). */
    interface Valued {
        int value();
    }

    /* The constant whose value() is value; unknown (may be null) for any other value. */
    static <E extends Enum<E> & Valued> E byValue(E[] all, int value, E unknown) {
        for (E e : all) {
            if (e.value() == value) {
                return e;
            }
        }
        return unknown;
    }

    /* The constant whose ordinal is value; unknown for a value newer than this binding. */
    static <E extends Enum<E>> E fromValue(E[] all, int value, E unknown) {
        return value >= 0 && value < all.length ? all[value] : unknown;
    }
}
