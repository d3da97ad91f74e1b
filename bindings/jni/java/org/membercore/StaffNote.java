package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * An internal note on a ticket ({@code mc_staff_note}): only staff ever see it. Immutable.
 */
public final class StaffNote {
    private final String id;
    private final long atMs;
    private final BuildingTime at;
    private final String authorName;
    private final String text;

    /* Called by the JNI glue. */
    StaffNote(String id, long atMs, BuildingTime at, String authorName, String text) {
        this.id = id;
        this.atMs = atMs;
        this.at = at;
        this.authorName = authorName;
        this.text = text;
    }

    public @NotNull String getId() {
        return id;
    }

    public long getAtMs() {
        return atMs;
    }

    /** When, in the ticket's building's local time. */
    public @NotNull BuildingTime getAt() {
        return at;
    }

    public @NotNull String getAuthorName() {
        return authorName;
    }

    public @NotNull String getText() {
        return text;
    }

    @Override
    public @NotNull String toString() {
        return "StaffNote{" + authorName + " \"" + text + "\"}";
    }
}
