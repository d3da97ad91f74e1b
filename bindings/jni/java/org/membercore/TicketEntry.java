package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One entry of a ticket's timeline ({@code mc_ticket_entry}): its filing, a status change, a
 * comment or a photo's arrival, at an instant shown in the building's local time. Immutable.
 */
public final class TicketEntry {
    private final String id;
    private final TicketEntryType type;
    private final long atMs;
    private final BuildingTime at;
    private final String authorRole;
    private final String authorName;
    private final TicketStatus from;
    private final TicketStatus to;
    private final String text;
    private final List<String> photoIds;
    private final boolean pending;

    /* Called by the JNI glue. */
    TicketEntry(String id, int type, long atMs, BuildingTime at, String authorRole,
            String authorName, int from, int to, String text, String[] photoIds,
            boolean pending) {
        this.id = id;
        this.type = TicketEntryType.fromValue(type);
        this.atMs = atMs;
        this.at = at;
        this.authorRole = authorRole;
        this.authorName = authorName;
        this.from = TicketStatus.fromValue(from);
        this.to = TicketStatus.fromValue(to);
        this.text = text;
        this.photoIds = Collections.unmodifiableList(Arrays.asList(photoIds));
        this.pending = pending;
    }

    public @NotNull String getId() {
        return id;
    }

    public @NotNull TicketEntryType getType() {
        return type;
    }

    /** When, in UTC ms. */
    public long getAtMs() {
        return atMs;
    }

    /** When, in the ticket's building's local time: show this. */
    public @NotNull BuildingTime getAt() {
        return at;
    }

    /** {@code "member"}, {@code "staff"} or {@code "system"}. */
    public @NotNull String getAuthorRole() {
        return authorRole;
    }

    /** {@code "Kiran Das"}; {@code "You"} for the member's own entries. */
    public @NotNull String getAuthorName() {
        return authorName;
    }

    /** {@link TicketEntryType#STATUS}: the status before (meaningless for other types). */
    public @NotNull TicketStatus getFrom() {
        return from;
    }

    /** {@link TicketEntryType#STATUS}: the status after (meaningless for other types). */
    public @NotNull TicketStatus getTo() {
        return to;
    }

    /** A comment's text; a status change in words; {@code ""} otherwise. */
    public @NotNull String getText() {
        return text;
    }

    /** Photos attached to this entry (unmodifiable). */
    public @NotNull List<String> getPhotoIds() {
        return photoIds;
    }

    /** Made on this device and not yet on the server. */
    public boolean isPending() {
        return pending;
    }

    @Override
    public @NotNull String toString() {
        return "TicketEntry{" + type + " " + (at != null ? at.getIso8601() : atMs) + " "
                + authorName + (type == TicketEntryType.STATUS ? " " + from + "->" + to : "")
                + (text.isEmpty() ? "" : " \"" + text + "\"")
                + (photoIds.isEmpty() ? "" : " " + photoIds) + (pending ? " pending" : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketEntry)) {
            return false;
        }
        TicketEntry other = (TicketEntry) o;
        return Objects.equals(id, other.id) && Objects.equals(type, other.type)
                && atMs == other.atMs && Objects.equals(at, other.at)
                && Objects.equals(authorRole, other.authorRole)
                && Objects.equals(authorName, other.authorName) && Objects.equals(from, other.from)
                && Objects.equals(to, other.to) && Objects.equals(text, other.text)
                && Objects.equals(photoIds, other.photoIds) && pending == other.pending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, atMs, at, authorRole, authorName, from, to, text, photoIds,
                pending);
    }
}
