package org.membercore;

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

    /** The constant with this C value; {@link #OTHER} for any other value. */
    public static NotificationCategory fromValue(int value) {
        for (NotificationCategory v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return OTHER;
    }
}
