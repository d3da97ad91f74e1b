package org.membercore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * What {@link Desks#search} looks for ({@code mc_desk_query}): the free hot desks of one
 * building-local date, optionally of an area and with features. Immutable; build with
 * {@link #builder(String)}.
 */
public final class DeskQuery {
    final String buildingId;
    final String date;
    final String area;
    final String[] features;

    private DeskQuery(Builder b) {
        this.buildingId = b.buildingId;
        this.date = b.date;
        this.area = b.area;
        this.features = b.features.toArray(new String[0]);
    }

    /** A query for {@code date} ({@code "YYYY-MM-DD"}, building-local) at the member's building. */
    public static @NotNull Builder builder(@NotNull String date) {
        return new Builder(date);
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeskQuery)) {
            return false;
        }
        DeskQuery other = (DeskQuery) o;
        return Objects.equals(buildingId, other.buildingId) && Objects.equals(date, other.date)
                && Objects.equals(area, other.area) && Arrays.equals(features, other.features);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(buildingId, date, area);
        h = 31 * h + Arrays.hashCode(features);
        return h;
    }

    @Override
    public @NotNull String toString() {
        return "DeskQuery{"
                + "buildingId=" + buildingId
                + ", date=" + date
                + ", area=" + area
                + ", features=" + Arrays.toString(features) + "}";
    }

    /** Builds a {@link DeskQuery}; the core checks the values (INVALID_ARG names the field). */
    public static final class Builder {
        private final String date;
        private String buildingId;
        private String area;
        private final List<String> features = new ArrayList<String>();

        private Builder(String date) {
            this.date = date;
        }

        /** Another building than the member's own (null: the member's). */
        public @NotNull Builder building(@Nullable String buildingId) {
            this.buildingId = buildingId;
            return this;
        }

        /** Only desks of this area ({@code "Quiet zone"}, any case; null: any). */
        public @NotNull Builder area(@Nullable String area) {
            this.area = area;
            return this;
        }

        /** Only desks with this feature too ({@code "monitor"}, {@code "standing"}, ...). */
        public @NotNull Builder feature(@NotNull String feature) {
            features.add(feature);
            return this;
        }

        public @NotNull DeskQuery build() {
            return new DeskQuery(this);
        }
    }
}
