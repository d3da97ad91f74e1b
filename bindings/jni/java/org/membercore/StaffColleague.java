package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

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

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StaffColleague)) {
            return false;
        }
        StaffColleague other = (StaffColleague) o;
        return Objects.equals(id, other.id) && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name);
    }
}
