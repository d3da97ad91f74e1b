package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * A staff member of the caller's building ({@code mc_staff_colleague}): whom a ticket can be
 * assigned to ({@link Staff#assign}). Immutable.
 */
public final class StaffColleague {
    private final String id;
    private final String name;

    /* Called by the JNI glue. */
    StaffColleague(String id, String name) {
        this.id = id;
        this.name = name;
    }

    /** What {@link Staff#assign} takes. */
    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getName() {
        return name;
    }

    @Override
    public @NotNull String toString() {
        return "StaffColleague{" + id + " " + name + "}";
    }
}
