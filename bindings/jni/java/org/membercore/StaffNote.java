package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

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

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StaffNote)) {
            return false;
        }
        StaffNote other = (StaffNote) o;
        return Objects.equals(id, other.id) && atMs == other.atMs && Objects.equals(at, other.at)
                && Objects.equals(authorName, other.authorName) && Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, atMs, at, authorName, text);
    }
}
