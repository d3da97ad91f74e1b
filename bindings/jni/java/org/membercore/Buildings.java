package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * The operator's buildings as last synced: {@code core.buildings()}.
 *
 * <p>Any thread; local only (works offline; sync to refresh), quick. Throws
 * {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Buildings {
    private final MemberCore core;

    Buildings(MemberCore core) {
        this.core = core;
    }

    /**
     * Every building, by id: zone, opening hours, booking window, open-space capacity, day-pass
     * price and bundle tiers. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Building> list() {
        return MemberCore.listOf(core.call(Native::buildings));
    }
}
