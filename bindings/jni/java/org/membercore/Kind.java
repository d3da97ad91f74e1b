package org.membercore;

import java.util.EnumSet;
import java.util.Set;

import org.jetbrains.annotations.NotNull;

/**
 * Kinds of synced data, as bits ({@code mc_kind}).
 */
public enum Kind {
    PROFILE(1),
    COMPANY(2),
    BUILDING(4),
    ROOM(8),
    RESERVATION(16),
    EVENT(32),
    RSVP(64),
    NOTIFICATION(128),
    /** Rooms' taken blocks (no member names). */
    ROOM_BUSY(256),
    /** The company's credit ledger. */
    CREDIT_LEDGER(512),
    /** The member's door credentials. */
    CREDENTIAL(1024),
    /** Day passes the member bought. */
    PASS(2048),
    /** Invoices (a company member: the company's). */
    INVOICE(4096),
    /** The member's membership. */
    MEMBERSHIP(8192),
    /** The facility-ticket category tree ({@link Tickets#categories()}). */
    TICKET_CATEGORY(16384),
    /** The member's facility tickets ({@link Tickets}). */
    TICKET(32768),
    /** The member's visitors ({@link Visitors}). */
    VISITOR(65536),
    /** The member's notification channels and quiet hours ({@link Notifications#prefs()}). */
    NOTIFICATION_PREFS(131072),
    /** Hot desks, and the member's own dedicated desk ({@link Desks}). */
    DESK(1 << 18),
    /** Desks held on a date (no member names). */
    DESK_BUSY(1 << 19),
    /** The member's desk days ({@link Desks#bookings()}). */
    DESK_BOOKING(1 << 20),
    /** Announcements ({@link Announcements}). */
    ANNOUNCEMENT(1 << 21),
    /** Partner offers ({@link Offers}). */
    OFFER(1 << 22);

    private final int bit;

    Kind(int bit) {
        this.bit = bit;
    }

    /** The C bit. */
    public int bit() {
        return bit;
    }

    /** The constants whose bits are set in bits (unknown bits are ignored). */
    public static @NotNull EnumSet<Kind> fromBits(int bits) {
        EnumSet<Kind> set = EnumSet.noneOf(Kind.class);
        for (Kind v : values()) {
            if ((bits & v.bit) != 0) {
                set.add(v);
            }
        }
        return set;
    }

    /** The C mask of a set. */
    public static int toBits(@NotNull Set<Kind> set) {
        int bits = 0;
        for (Kind v : set) {
            bits |= v.bit;
        }
        return bits;
    }
}
