package org.membercore;

import java.util.EnumSet;
import java.util.Set;

import org.jetbrains.annotations.NotNull;

/**
 * Account roles, as bits of {@code mc_account.roles} ({@code mc_role}).
 */
public enum Role {
    /** Completed the profile: a CRM lead. */
    LEAD(1),
    /** An on-demand user (day passes, rooms). */
    ONDEMAND(2),
    /** A member of a company with a seat. */
    MEMBER(4),
    /** The operator's staff. */
    STAFF(8);

    private final int bit;

    Role(int bit) {
        this.bit = bit;
    }

    /** The C bit. */
    public int bit() {
        return bit;
    }

    /** The constants whose bits are set in bits (unknown bits are ignored). */
    public static @NotNull EnumSet<Role> fromBits(int bits) {
        EnumSet<Role> set = EnumSet.noneOf(Role.class);
        for (Role v : values()) {
            if ((bits & v.bit) != 0) {
                set.add(v);
            }
        }
        return set;
    }

    /** The C mask of a set. */
    public static int toBits(@NotNull Set<Role> set) {
        int bits = 0;
        for (Role v : set) {
            bits |= v.bit;
        }
        return bits;
    }
}
