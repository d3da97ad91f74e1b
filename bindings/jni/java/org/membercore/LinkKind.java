package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What a notification's deep link opens ({@code mc_link_kind}, membercore/community.h); a kind
 * this binding does not know reads as {@link #OTHER}.
 */
public enum LinkKind {
    NONE(0),
    INVOICE(1),
    EVENT(2),
    BOOKING(3),
    PASS(4),
    WEB(5),
    OTHER(6),
    /** A facility ticket: {@code membercore://tickets/<id>} ({@link Tickets#get}). */
    TICKET(7),
    /** A visitor: {@code membercore://visitors/<id>} ({@link Visitors#get}). */
    VISITOR(8),
    /** A desk day: {@code membercore://desks/<desk booking id>} ({@link Desks#bookings}). */
    DESK(9),
    /** An announcement: {@code membercore://announcements/<id>} ({@link Announcements}). */
    ANNOUNCEMENT(10),
    /** A partner offer: {@code membercore://offers/<id>} ({@link Offers}). */
    OFFER(11);

    private final int value;

    LinkKind(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_link_kind_name}): {@code "ticket"}, {@code "desk"}, ... */
    public @NotNull String kindName() {
        return Native.linkKindName(value);
    }

    /** The constant with this C value; {@link #OTHER} for any other value. */
    public static @NotNull LinkKind fromValue(int value) {
        for (LinkKind k : values()) {
            if (k.value == value) {
                return k;
            }
        }
        return OTHER;
    }
}
