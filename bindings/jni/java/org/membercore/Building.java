package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A building of the operator ({@code mc_building}), from the local store as last synced: where
 * it is, its zone, when it opens and its open-space day-pass pricing. Strings are never null.
 */
public final class Building {
    private final String id;
    private final String name;
    private final String city;
    private final String timezone;
    private final List<OpeningHours> hours;
    private final int bookingWindowDays;
    private final String currency;
    private final Tax tax;
    private final Money dayPassPrice;
    private final int openSpaceCapacity;
    private final List<BundleTier> tiers;

    /* Called by the JNI glue; the hours come as three parallel arrays, the tiers as two. */
    Building(String id, String name, String city, String timezone, int[] hourWeekdays,
            int[] hourOpenMinutes, int[] hourCloseMinutes, int bookingWindowDays,
            String currency, Tax tax, Money dayPassPrice, int openSpaceCapacity, int[] tierPasses,
            int[] tierDiscountPcts) {
        this.id = id;
        this.name = name;
        this.city = city;
        this.timezone = timezone;
        List<OpeningHours> h = new ArrayList<OpeningHours>(hourWeekdays.length);
        for (int i = 0; i < hourWeekdays.length; i++) {
            h.add(new OpeningHours(hourWeekdays[i], hourOpenMinutes[i], hourCloseMinutes[i]));
        }
        this.hours = Collections.unmodifiableList(h);
        this.bookingWindowDays = bookingWindowDays;
        this.currency = currency;
        this.tax = tax;
        this.dayPassPrice = dayPassPrice;
        this.openSpaceCapacity = openSpaceCapacity;
        List<BundleTier> t = new ArrayList<BundleTier>(tierPasses.length);
        for (int i = 0; i < tierPasses.length; i++) {
            t.add(new BundleTier(tierPasses[i], tierDiscountPcts[i]));
        }
        this.tiers = Collections.unmodifiableList(t);
    }

    /** e.g. {@code "BLR-1"}. */
    public @NotNull String getId() {
        return id;
    }

    /** e.g. {@code "Indiranagar"}. */
    public @NotNull String getName() {
        return name;
    }

    public @NotNull String getCity() {
        return city;
    }

    /**
     * The building's IANA zone, e.g. {@code "Asia/Kolkata"}: its dates, hours and times are
     * local to it, whatever the phone's zone.
     */
    public @NotNull String getTimezone() {
        return timezone;
    }

    /** One entry per open weekday, as synced (unmodifiable); a weekday not listed is closed. */
    public @NotNull List<OpeningHours> getHours() {
        return hours;
    }

    /** How many days ahead rooms and passes can be booked. */
    public int getBookingWindowDays() {
        return bookingWindowDays;
    }

    /** The ISO 4217 code every amount of this building is in, e.g. {@code "GBP"}. */
    public @NotNull String getCurrency() {
        return currency;
    }

    /** The tax its prices are charged with, e.g. VAT 20%. */
    public @NotNull Tax getTax() {
        return tax;
    }

    /** The price of one open-space day pass before tax; minor 0 when the building sells none. */
    public @NotNull Money getDayPassPrice() {
        return dayPassPrice;
    }

    /** Open-space seats a day. */
    public int getOpenSpaceCapacity() {
        return openSpaceCapacity;
    }

    /** The day-pass bundle tiers, as synced (unmodifiable). */
    public @NotNull List<BundleTier> getTiers() {
        return tiers;
    }

    @Override
    public @NotNull String toString() {
        return "Building{" + id + " " + name + ", " + city + " " + timezone + " hours=" + hours
                + " window=" + bookingWindowDays + " pass=" + dayPassPrice + " seats="
                + openSpaceCapacity + " tiers=" + tiers + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Building)) {
            return false;
        }
        Building other = (Building) o;
        return Objects.equals(id, other.id) && Objects.equals(name, other.name)
                && Objects.equals(city, other.city) && Objects.equals(timezone, other.timezone)
                && Objects.equals(hours, other.hours)
                && bookingWindowDays == other.bookingWindowDays
                && Objects.equals(currency, other.currency) && Objects.equals(tax, other.tax)
                && Objects.equals(dayPassPrice, other.dayPassPrice)
                && openSpaceCapacity == other.openSpaceCapacity
                && Objects.equals(tiers, other.tiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, city, timezone, hours, bookingWindowDays, currency, tax,
                dayPassPrice, openSpaceCapacity, tiers);
    }
}
