package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A ticket to file ({@code mc_ticket_draft}): a leaf category, a priority, a description, where
 * (the member's building by default; optionally a room, cabin or desk) and up to 5 photos.
 *
 * <pre>{@code
 * TicketDraft d = TicketDraft.builder("cleaning.washroom", TicketPriority.HIGH,
 *                 "The second-floor washroom has no soap")
 *         .cabin("Cabin 1019")
 *         .photo(new File(dir, "soap.jpg").getPath())
 *         .build();
 * String id = core.tickets().file(d);
 * }</pre>
 *
 * The core checks everything when it is filed ({@link Tickets#file}); the builder only keeps it.
 */
public final class TicketDraft {
    final String categoryId;
    final TicketPriority priority;
    final String description;
    final String buildingId;
    final TicketLocationKind locationKind;
    final String locationId;
    final String locationName;
    final List<String> photoPaths;

    private TicketDraft(Builder b) {
        this.categoryId = b.categoryId;
        this.priority = b.priority;
        this.description = b.description;
        this.buildingId = b.buildingId;
        this.locationKind = b.locationKind;
        this.locationId = b.locationId;
        this.locationName = b.locationName;
        this.photoPaths = Collections.unmodifiableList(new ArrayList<String>(b.photoPaths));
    }

    /**
     * @param categoryId a leaf's id ({@code "cleaning.washroom"}; {@link Tickets#findCategory}
     *     resolves a path such as {@code "Cleaning/Washroom"})
     * @param priority not null, not {@link TicketPriority#UNKNOWN}
     * @param description 1 to 2000 characters (trimmed by the core)
     */
    public static @NotNull Builder builder(@NotNull String categoryId,
            @NotNull TicketPriority priority, @NotNull String description) {
        return new Builder(categoryId, priority, description);
    }

    public @NotNull String getCategoryId() {
        return categoryId;
    }

    public @NotNull TicketPriority getPriority() {
        return priority;
    }

    public @NotNull String getDescription() {
        return description;
    }

    /** null: the member's own building. */
    public @Nullable String getBuildingId() {
        return buildingId;
    }

    public @NotNull TicketLocationKind getLocationKind() {
        return locationKind;
    }

    /** {@link TicketLocationKind#ROOM}: the room's id; null otherwise. */
    public @Nullable String getLocationId() {
        return locationId;
    }

    /** {@link TicketLocationKind#CABIN} / {@link TicketLocationKind#DESK}: its name. */
    public @Nullable String getLocationName() {
        return locationName;
    }

    /** Unmodifiable. */
    public @NotNull List<String> getPhotoPaths() {
        return photoPaths;
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketDraft)) {
            return false;
        }
        TicketDraft other = (TicketDraft) o;
        return Objects.equals(categoryId, other.categoryId)
                && Objects.equals(priority, other.priority)
                && Objects.equals(description, other.description)
                && Objects.equals(buildingId, other.buildingId)
                && Objects.equals(locationKind, other.locationKind)
                && Objects.equals(locationId, other.locationId)
                && Objects.equals(locationName, other.locationName)
                && Objects.equals(photoPaths, other.photoPaths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(categoryId, priority, description, buildingId, locationKind,
                locationId, locationName, photoPaths);
    }

    @Override
    public @NotNull String toString() {
        return "TicketDraft{"
                + "categoryId=" + categoryId
                + ", priority=" + priority
                + ", description=" + description
                + ", buildingId=" + buildingId
                + ", locationKind=" + locationKind
                + ", locationId=" + locationId
                + ", locationName=" + locationName
                + ", photoPaths=" + photoPaths + "}";
    }

    public static final class Builder {
        private final String categoryId;
        private final TicketPriority priority;
        private final String description;
        private String buildingId;
        private TicketLocationKind locationKind = TicketLocationKind.NONE;
        private String locationId;
        private String locationName;
        private final List<String> photoPaths = new ArrayList<String>();

        private Builder(String categoryId, TicketPriority priority, String description) {
            this.categoryId = categoryId;
            this.priority = priority;
            this.description = description;
        }

        /** The building (default: the member's own). */
        public @NotNull Builder building(@Nullable String buildingId) {
            this.buildingId = buildingId;
            return this;
        }

        /** A meeting room of the building, by id ({@code "BLR-1-BOARD"}). */
        public @NotNull Builder room(@NotNull String roomId) {
            this.locationKind = TicketLocationKind.ROOM;
            this.locationId = roomId;
            this.locationName = null;
            return this;
        }

        /** A cabin by name (1-80 characters). */
        public @NotNull Builder cabin(@NotNull String name) {
            return named(TicketLocationKind.CABIN, name);
        }

        /** A desk by name (1-80 characters). */
        public @NotNull Builder desk(@NotNull String name) {
            return named(TicketLocationKind.DESK, name);
        }

        private Builder named(TicketLocationKind kind, String name) {
            this.locationKind = kind;
            this.locationId = null;
            this.locationName = name;
            return this;
        }

        /**
         * Attach the image file at path (JPEG or PNG by its bytes, at most 10 MiB; at most 5
         * per ticket). The file is copied when the ticket is filed: delete it afterwards if
         * you like.
         */
        public @NotNull Builder photo(@NotNull String path) {
            this.photoPaths.add(path);
            return this;
        }

        public @NotNull TicketDraft build() {
            return new TicketDraft(this);
        }
    }
}
