package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * What a new member said they need ({@code mc_intent}).
 */
public enum Intent {
    NONE(0),
    /** Day passes and rooms on demand; grants the on-demand role at once. */
    ON_DEMAND(1),
    PRIVATE_OFFICE(2),
    VIRTUAL_OFFICE(3);

    private final int value;

    Intent(int value) {
        this.value = value;
    }

    /** The C value. */
    public int value() {
        return value;
    }

    /** The constant with this C value; {@link #NONE} for any other value. */
    public static @NotNull Intent fromValue(int value) {
        for (Intent v : values()) {
            if (v.value == value) {
                return v;
            }
        }
        return NONE;
    }
}
