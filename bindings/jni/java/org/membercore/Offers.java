package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Partner offers and perks ({@code membercore/offers.h}): {@code core.offers()}. Listed from the
 * local store; redeeming is online, because the server hands out the codes (a single-use offer
 * gives each member one code of its pool: asking again gives the same code, never a second).
 *
 * <p>Any thread. {@link #redeem} waits on the network: call it off the UI thread. Every method
 * throws {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Offers {
    private final MemberCore core;

    Offers(MemberCore core) {
        this.core = core;
    }

    /**
     * The offers valid today in scope of the member's building (on-demand users: all),
     * redeemable ones first, then by partner. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Offer> list() {
        return MemberCore.listOf(core.call(Native::offers));
    }

    /**
     * Redeem an offer (online, blocking) and keep the code: returns the offer with
     * {@link Offer#getCode()}; again, the same code. Errors: INVALID_ARG, NOT_FOUND (unknown, or
     * not for the member's building), CONFLICT (no single-use codes left; outside its validity:
     * the message names the dates), UNAUTHORIZED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public @NotNull Offer redeem(final @NotNull String offerId) {
        return core.call(h -> Native.offerRedeem(h, offerId));
    }
}
