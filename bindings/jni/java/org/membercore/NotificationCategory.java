package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * Notification categories ({@code mc_notification_category}); a category this binding
 * does not know reads as {@link #OTHER}.
 */
public enum NotificationCategory {
    OTHER(0),
    BILLING(1),
    SUPPORT(2),
    BOOKINGS(3),
    EVENTS(4),
    ANNOUNCEMENTS(5);

    private final int value;

    NotificationCategory(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The core's name ({@code mc_notification_category_name}): {@code "billing"}, ... */
    public @NotNull String categoryName() {
        return Native.notificationCategoryName(value);
    }

    /**
     * The category named {@code "billing"}, {@code "support"}, {@code "bookings"},
     * {@code "events"} or {@code "announcements"} (case-insensitive;
     * {@code mc_notification_category_parse}; {@code "other"} is refused: nothing is sent in it).
     * Pure, any thread. Errors: INVALID_ARG naming the word and the choices.
     */
    public static @NotNull NotificationCategory parse(@NotNull String name) {
        MemberCore.require(name, "name");
        int value = Native.notificationCategoryParse(name);
        for (NotificationCategory c : values()) {
            if (c.value == value && c != OTHER) {
                return c;
            }
        }
        throw new MemberCoreException(ErrorCode.INVALID_ARG, "no category " + value);
    }

    /** The constant with this C value; {@link #OTHER} for any other value. */
    public static @NotNull NotificationCategory fromValue(int value) {
        for (NotificationCategory v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return OTHER;
    }
}
