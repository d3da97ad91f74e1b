package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * What {@link Desks#search} found ({@code mc_desk_search}): the free hot desks of the date, how
 * many matching ones others hold, and how the member may pay that day, as last synced.
 */
public final class DeskSearch {
    private final List<Desk> desks;
    private final int takenCount;
    private final int deskDaysLeft;
    private final int creditsLeft;
    private final int dayCredits;
    private final Money dayPrice;
    private final BuildingTime checkinBy;
    private final Rule whyNone;
    private final String whyNoneMessage;

    /* Called by the JNI glue (natives_desks.c). */
    DeskSearch(Desk[] desks, int takenCount, int deskDaysLeft, int creditsLeft, int dayCredits,
            Money dayPrice, BuildingTime checkinBy, int whyNone, String whyNoneMessage) {
        this.desks = Collections.unmodifiableList(Arrays.asList(desks));
        this.takenCount = takenCount;
        this.deskDaysLeft = deskDaysLeft;
        this.creditsLeft = creditsLeft;
        this.dayCredits = dayCredits;
        this.dayPrice = dayPrice;
        this.checkinBy = checkinBy;
        this.whyNone = Rule.fromValue(whyNone);
        this.whyNoneMessage = whyNoneMessage;
    }

    /** The free hot desks matching, by name. */
    public @NotNull List<Desk> getDesks() {
        return desks;
    }

    /** The free desk with this id, or null. */
    public @Nullable Desk desk(@NotNull String id) {
        for (Desk d : desks) {
            if (d.getId().equals(id)) {
                return d;
            }
        }
        return null;
    }

    /** Matching desks already held that day by others. */
    public int getTakenCount() {
        return takenCount;
    }

    /** This month's plan desk days left; 0 when none. */
    public int getDeskDaysLeft() {
        return deskDaysLeft;
    }

    /** The company's credits left; -1 without a company. */
    public int getCreditsLeft() {
        return creditsLeft;
    }

    /** What a desk day costs in credits at that building. */
    public int getDayCredits() {
        return dayCredits;
    }

    /** By card: the day's price plus the building's tax. */
    public @NotNull Money getDayPrice() {
        return dayPrice;
    }

    /** The date's check-in cut-off in the building's local time. */
    public @NotNull BuildingTime getCheckinBy() {
        return checkinBy;
    }

    /** {@link Rule#NONE} when a desk is free; else why none is (closed, blackout, taken, ...). */
    public @NotNull Rule getWhyNone() {
        return whyNone;
    }

    /** {@link #getWhyNone()} in words; {@code ""} when a desk is free. */
    public @NotNull String getWhyNoneMessage() {
        return whyNoneMessage;
    }

    @Override
    public @NotNull String toString() {
        return "DeskSearch{" + desks.size() + " free, " + takenCount + " taken"
                + (whyNone != Rule.NONE ? ", " + whyNoneMessage : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeskSearch)) {
            return false;
        }
        DeskSearch other = (DeskSearch) o;
        return Objects.equals(desks, other.desks) && takenCount == other.takenCount
                && deskDaysLeft == other.deskDaysLeft && creditsLeft == other.creditsLeft
                && dayCredits == other.dayCredits && Objects.equals(dayPrice, other.dayPrice)
                && Objects.equals(checkinBy, other.checkinBy)
                && Objects.equals(whyNone, other.whyNone)
                && Objects.equals(whyNoneMessage, other.whyNoneMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(desks, takenCount, deskDaysLeft, creditsLeft, dayCredits, dayPrice,
                checkinBy, whyNone, whyNoneMessage);
    }
}
