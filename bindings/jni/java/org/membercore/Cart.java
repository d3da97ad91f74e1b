package org.membercore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * Day passes to price or buy in one building ({@code mc_cart}): 1 to 50 of them, one per person
 * per date. Dates are the building's local ones, whatever the phone's time zone is:
 *
 * <pre>{@code
 * Cart cart = Cart.builder("BLR-1")
 *         .pass("2027-01-05")                                      // the buyer's own
 *         .guestPass("2027-01-05", "Ananya Sharma", "ananya@example.in")
 *         .build();
 * }</pre>
 *
 * <p>The bundle tier counts every pass of the cart (5 passes: 10% off at the seeded tiers).
 */
public final class Cart {
    final String buildingId;
    final List<PassItem> items;

    private Cart(Builder b) {
        this.buildingId = b.buildingId;
        this.items = Collections.unmodifiableList(new ArrayList<PassItem>(b.items));
    }

    /** @param buildingId e.g. {@code "BLR-1"} */
    public static @NotNull Builder builder(@NotNull String buildingId) {
        return new Builder(buildingId);
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** In the order added: a {@link Violation}'s index points into it (unmodifiable). */
    public @NotNull List<PassItem> getItems() {
        return items;
    }

    @Override
    public @NotNull String toString() {
        return "Cart{" + buildingId + " " + items + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Cart)) {
            return false;
        }
        Cart other = (Cart) o;
        return Objects.equals(buildingId, other.buildingId) && Objects.equals(items, other.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(buildingId, items);
    }

    public static final class Builder {
        private final String buildingId;
        private final List<PassItem> items = new ArrayList<PassItem>();

        private Builder(String buildingId) {
            this.buildingId = buildingId;
        }

        /** The buyer's own pass on a building-local {@code "YYYY-MM-DD"}. */
        public @NotNull Builder pass(@NotNull String date) {
            items.add(PassItem.forSelf(date));
            return this;
        }

        /** A guest's pass on a building-local {@code "YYYY-MM-DD"}. */
        public @NotNull Builder guestPass(@NotNull String date, @NotNull String name,
                @NotNull String email) {
            items.add(PassItem.forGuest(date, name, email));
            return this;
        }

        /** Add this pass. */
        public @NotNull Builder item(@NotNull PassItem item) {
            items.add(item);
            return this;
        }

        /** Add these passes too. */
        public @NotNull Builder items(@Nullable List<PassItem> more) {
            if (more != null) {
                items.addAll(more);
            }
            return this;
        }

        public @NotNull Cart build() {
            return new Cart(this);
        }
    }
}
