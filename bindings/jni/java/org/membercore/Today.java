package org.membercore;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The member's day ({@code mc_today}, membercore/today.h), read by {@link MemberCore#today()} from
 * the local store in one go: who and where, the contract, today's bookings, desk and passes,
 * visitors, open tickets, the next 7 days' events (the member's building first), unread
 * notifications per category, invoices due, credits and desk days left, live announcements and
 * the offers count; every time in the building's local time. An on-demand user gets the parts
 * that apply ({@link #getMembership()} null, no credits). A value: read it again when a sync
 * event's kinds touch it ({@link #affected(Set)}).
 */
public final class Today {
    /* The glue's string, int and time arrays, in these orders (natives_today.c). */
    private static final int S_DATE = 0, S_MEMBER = 1, S_COMPANY = 2, S_BUILDING = 3,
            S_BUILDING_NAME = 4, S_CITY = 5;
    private static final int I_CONTRACT_DAYS = 0, I_UNREAD = 1, I_CREDITS_LEFT = 2,
            I_CREDITS_MONTHLY = 3, I_DESK_DAYS_LEFT = 4, I_DESK_DAYS_ALLOWANCE = 5,
            I_OFFERS = 6, I_DEPENDS_ON = 7;
    private static final int T_NOW = 0, T_OPENS = 1, T_CLOSES = 2;
    /* The booleans, in this order. */
    private static final int B_OPEN_TODAY = 0, B_OPEN_NOW = 1, B_HAS_CREDITS = 2;

    private final String[] s;
    private final int[] ints;
    private final BuildingTime[] times;
    private final boolean[] flags;
    private final Membership membership;
    private final List<TodayEntry> entries;
    private final List<Visitor> visitors;
    private final List<Ticket> openTickets;
    private final List<Event> events;
    private final int[] unreadByCategory;
    private final List<Invoice> invoicesDue;
    private final List<Announcement> announcements;

    /* Called by the JNI glue (natives_today.c). */
    Today(String[] strings, int[] ints, BuildingTime[] times, boolean[] flags,
            Membership membership, TodayEntry[] entries, Visitor[] visitors, Ticket[] openTickets,
            Event[] events, int[] unreadByCategory, Invoice[] invoicesDue,
            Announcement[] announcements) {
        this.s = strings;
        this.ints = ints;
        this.times = times;
        this.flags = flags;
        this.membership = membership;
        this.entries = listOf(entries);
        this.visitors = listOf(visitors);
        this.openTickets = listOf(openTickets);
        this.events = listOf(events);
        this.unreadByCategory = unreadByCategory;
        this.invoicesDue = listOf(invoicesDue);
        this.announcements = listOf(announcements);
    }

    private static <T> List<T> listOf(T[] items) {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** The client's clock in the member's building's local time. */
    public @NotNull BuildingTime getNow() {
        return times[T_NOW];
    }

    /** That building-local date, {@code "YYYY-MM-DD"}. */
    public @NotNull String getDate() {
        return s[S_DATE];
    }

    public @NotNull String getMemberName() {
        return s[S_MEMBER];
    }

    /** {@code ""} without a company. */
    public @NotNull String getCompanyName() {
        return s[S_COMPANY];
    }

    /** The member's building ({@code ""} when none is known yet). */
    public @NotNull String getBuildingId() {
        return s[S_BUILDING];
    }

    public @NotNull String getBuildingName() {
        return s[S_BUILDING_NAME];
    }

    public @NotNull String getBuildingCity() {
        return s[S_CITY];
    }

    public boolean isOpenToday() {
        return flags[B_OPEN_TODAY];
    }

    public boolean isOpenNow() {
        return flags[B_OPEN_NOW];
    }

    /** Today's opening in the building's local time; null when closed today. */
    public @Nullable BuildingTime getOpensAt() {
        return times[T_OPENS];
    }

    /** Today's closing; null when closed today. */
    public @Nullable BuildingTime getClosesAt() {
        return times[T_CLOSES];
    }

    /** The contract (plan, seat, end date); null for an on-demand user. */
    public @Nullable Membership getMembership() {
        return membership;
    }

    /** Days to the contract's end, building-local; -1 when none. */
    public int getContractDaysLeft() {
        return ints[I_CONTRACT_DAYS];
    }

    /** Today's room bookings, desk and passes, by start. */
    public @NotNull List<TodayEntry> getEntries() {
        return entries;
    }

    /** Visitors expected or arrived today, by window. */
    public @NotNull List<Visitor> getVisitors() {
        return visitors;
    }

    /** Tickets not resolved or closed, SLA due first. */
    public @NotNull List<Ticket> getOpenTickets() {
        return openTickets;
    }

    /** Events ending after now and starting within 7 days: the member's building first. */
    public @NotNull List<Event> getEvents() {
        return events;
    }

    public int getUnreadTotal() {
        return ints[I_UNREAD];
    }

    /** Unread notifications of one category. */
    public int getUnread(@NotNull NotificationCategory category) {
        int i = category.value();
        return i >= 0 && i < unreadByCategory.length ? unreadByCategory[i] : 0;
    }

    /** Unread notifications per category. */
    public @NotNull Map<NotificationCategory, Integer> getUnreadByCategory() {
        Map<NotificationCategory, Integer> m =
                new EnumMap<NotificationCategory, Integer>(NotificationCategory.class);
        for (NotificationCategory c : NotificationCategory.values()) {
            int i = c.value();
            if (i >= 0 && i < unreadByCategory.length) {
                m.put(c, unreadByCategory[i]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Invoices issued and not yet paid, or overdue; due first. */
    public @NotNull List<Invoice> getInvoicesDue() {
        return invoicesDue;
    }

    /** The member's company has room credits. */
    public boolean hasCredits() {
        return flags[B_HAS_CREDITS];
    }

    /** Credits left this month; 0 without. */
    public int getCreditsLeft() {
        return ints[I_CREDITS_LEFT];
    }

    public int getCreditsMonthly() {
        return ints[I_CREDITS_MONTHLY];
    }

    /** This month's plan desk days left; 0 when none. */
    public int getDeskDaysLeft() {
        return ints[I_DESK_DAYS_LEFT];
    }

    public int getDeskDaysAllowance() {
        return ints[I_DESK_DAYS_ALLOWANCE];
    }

    /** Live announcements that are pinned or unread. */
    public @NotNull List<Announcement> getAnnouncements() {
        return announcements;
    }

    /** Offers valid today the member has not redeemed. */
    public int getOffersAvailable() {
        return ints[I_OFFERS];
    }

    /** The kinds of synced data this was read from. */
    public @NotNull Set<Kind> getDependsOn() {
        return Kind.fromBits(ints[I_DEPENDS_ON]);
    }

    /**
     * Whether a sync event's changed kinds touch this day ({@code mc_today_affected}): read
     * {@link MemberCore#today()} again when true.
     */
    public boolean affected(@Nullable Set<Kind> changedKinds) {
        return affected(changedKinds == null ? 0 : Kind.toBits(changedKinds));
    }

    /** {@link #affected(Set)} for the C bits ({@link SyncEvent}'s kinds as bits). */
    public boolean affected(int changedKindBits) {
        return Native.todayAffected(ints[I_DEPENDS_ON], changedKindBits);
    }

    @Override
    public @NotNull String toString() {
        return "Today{" + s[S_DATE] + " " + s[S_MEMBER] + " @" + s[S_BUILDING] + " entries="
                + entries + " visitors=" + visitors.size() + " tickets=" + openTickets.size()
                + " events=" + events.size() + " unread=" + ints[I_UNREAD] + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Today)) {
            return false;
        }
        Today other = (Today) o;
        return Arrays.equals(s, other.s) && Arrays.equals(ints, other.ints)
                && Arrays.equals(times, other.times) && Arrays.equals(flags, other.flags)
                && Objects.equals(membership, other.membership)
                && Objects.equals(entries, other.entries)
                && Objects.equals(visitors, other.visitors)
                && Objects.equals(openTickets, other.openTickets)
                && Objects.equals(events, other.events)
                && Arrays.equals(unreadByCategory, other.unreadByCategory)
                && Objects.equals(invoicesDue, other.invoicesDue)
                && Objects.equals(announcements, other.announcements);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(membership, entries, visitors, openTickets, events, invoicesDue,
                announcements);
        h = 31 * h + Arrays.hashCode(s);
        h = 31 * h + Arrays.hashCode(ints);
        h = 31 * h + Arrays.hashCode(times);
        h = 31 * h + Arrays.hashCode(flags);
        h = 31 * h + Arrays.hashCode(unreadByCategory);
        return h;
    }
}
