package org.membercore;

/** Who issued a push token ({@code mc_push_provider}). */
public enum PushProvider {
    /** Firebase Cloud Messaging (Android). */
    FCM(1),
    /** Apple Push Notification service. */
    APNS(2);

    private final int value;

    PushProvider(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }
}
