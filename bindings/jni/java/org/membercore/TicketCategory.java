package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One node of the facility-ticket category tree as last synced ({@code mc_ticket_category}):
 * a top level ("Cleaning") or a leaf under it ("Cleaning/Washroom") carrying the team it routes
 * to and its SLA targets for normal priority. Tickets are filed under leaves only. Immutable.
 */
public final class TicketCategory {
    private final String id;
    private final String parentId;
    private final String name;
    private final String path;
    private final boolean leaf;
    private final String team;
    private final int responseMinutes;
    private final int resolutionMinutes;

    /* Called by the JNI glue. */
    TicketCategory(String id, String parentId, String name, String path, boolean leaf,
            String team, int responseMinutes, int resolutionMinutes) {
        this.id = id;
        this.parentId = parentId;
        this.name = name;
        this.path = path;
        this.leaf = leaf;
        this.team = team;
        this.responseMinutes = responseMinutes;
        this.resolutionMinutes = resolutionMinutes;
    }

    /** e.g. {@code "cleaning.washroom"}: what {@link TicketDraft#builder} takes. */
    public @NotNull String getId() {
        return id;
    }

    /** The top level's id for a leaf; {@code ""} for a top level. */
    public @NotNull String getParentId() {
        return parentId;
    }

    /** e.g. {@code "Washroom"}. */
    public @NotNull String getName() {
        return name;
    }

    /** e.g. {@code "Cleaning/Washroom"} ({@code "Cleaning"} for a top level). */
    public @NotNull String getPath() {
        return path;
    }

    /** Whether tickets can be filed under it. */
    public boolean isLeaf() {
        return leaf;
    }

    /** A leaf: the team it routes to ({@code "Housekeeping"}); {@code ""} for a top level. */
    public @NotNull String getTeam() {
        return team;
    }

    /** A leaf: SLA minutes to a first response at normal priority (business hours). */
    public int getResponseMinutes() {
        return responseMinutes;
    }

    /** A leaf: SLA minutes to resolution at normal priority (business hours). */
    public int getResolutionMinutes() {
        return resolutionMinutes;
    }

    @Override
    public @NotNull String toString() {
        return "TicketCategory{" + id + " " + path + (leaf ? " " + team + " " + responseMinutes
                + "/" + resolutionMinutes : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketCategory)) {
            return false;
        }
        TicketCategory other = (TicketCategory) o;
        return Objects.equals(id, other.id) && Objects.equals(parentId, other.parentId)
                && Objects.equals(name, other.name) && Objects.equals(path, other.path)
                && leaf == other.leaf && Objects.equals(team, other.team)
                && responseMinutes == other.responseMinutes
                && resolutionMinutes == other.resolutionMinutes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parentId, name, path, leaf, team, responseMinutes,
                resolutionMinutes);
    }
}
