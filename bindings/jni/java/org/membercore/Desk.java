package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A desk ({@code mc_desk}, membercore/desks.h): a hot desk of a building, booked by the day, or
 * the member's own dedicated desk. Strings are never null ({@code ""} when absent).
 */
public final class Desk {
    private final String id;
    private final String buildingId;
    private final String name;
    private final String area;
    private final List<String> features;
    private final DeskKind kind;
    private final boolean mine;

    /* Called by the JNI glue (natives_desks.c: new_desk). */
    Desk(String id, String buildingId, String name, String area, String[] features, int kind,
            boolean mine) {
        this.id = id;
        this.buildingId = buildingId;
        this.name = name;
        this.area = area;
        this.features = Collections.unmodifiableList(Arrays.asList(features));
        this.kind = DeskKind.fromValue(kind);
        this.mine = mine;
    }

    /** {@code "BLR-1-D07"}. */
    public @NotNull String getId() {
        return id;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** {@code "D07"}. */
    public @NotNull String getName() {
        return name;
    }

    /** {@code "Window bay"}; {@code ""} when none. */
    public @NotNull String getArea() {
        return area;
    }

    /** Words from a fixed list: {@code "monitor"}, {@code "standing"}, {@code "window"}, ... */
    public @NotNull List<String> getFeatures() {
        return features;
    }

    public boolean hasFeature(@NotNull String feature) {
        return features.contains(feature);
    }

    public @NotNull DeskKind getKind() {
        return kind;
    }

    /** The member's own dedicated desk. */
    public boolean isMine() {
        return mine;
    }

    @Override
    public @NotNull String toString() {
        return "Desk{" + id + " " + area + " " + features + " " + kind + (mine ? " mine" : "")
                + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Desk)) {
            return false;
        }
        Desk other = (Desk) o;
        return Objects.equals(id, other.id) && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(name, other.name) && Objects.equals(area, other.area)
                && Objects.equals(features, other.features) && Objects.equals(kind, other.kind)
                && mine == other.mine;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, buildingId, name, area, features, kind, mine);
    }
}
