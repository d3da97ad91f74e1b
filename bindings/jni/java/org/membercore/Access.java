package org.membercore;

import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Door credentials, their rotating codes, and QR codes to show them: {@code core.access()}.
 *
 * <p>Any thread; everything answers from the local store or is pure computation (works
 * offline), and is quick. The instance methods throw {@link IllegalStateException} once the
 * {@link MemberCore} is closed; the static QR encoders need no client.
 */
public final class Access {
    private final MemberCore core;

    Access(MemberCore core) {
        this.core = core;
    }

    /**
     * The member's access credentials not yet expired at the client's clock, soonest valid
     * first. Local only (works offline). Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<Credential> credentials() {
        return MemberCore.listOf(core.call(Native::credentials));
    }

    /**
     * One page of {@link #credentials()}, soonest valid first, read through an index: screens use
     * this one. Local only. Errors: UNAUTHORIZED, STORAGE; INVALID_ARG ({@code page} null, or its
     * cursor not one this list returned).
     */
    public @NotNull ListPage<Credential> credentials(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.credentialsPage(h, page.getLimit(), page.getCursor()));
    }

    /**
     * The rotating door code of a credential at the client's clock, made offline from the
     * secret synced with it, and when to redraw it. Show it with {@link #qrBitmap}; a
     * screenshot is useless a minute later. Errors: INVALID_ARG ({@code credential_id}),
     * NOT_FOUND (not on this device: sync), STATE (outside its validity: the message says "not
     * valid yet" or "expired", with the instant), UNAUTHORIZED, STORAGE.
     */
    public @NotNull CredentialPayload payload(final @NotNull String credentialId) {
        return core.call(h -> Native.credentialPayload(h, credentialId));
    }

    /**
     * Encode text (UTF-8, byte mode) as a QR code at error-correction level M, as modules to
     * draw with native primitives. Pure, any thread. Errors: INVALID_ARG ({@code text} null,
     * empty or too long for a QR code).
     */
    public static @NotNull QrCode qrEncode(@NotNull String text) {
        return Native.qrEncode(text);
    }

    /**
     * Encode text as a QR code (level M) and draw it {@code scale} pixels per module (1-64) with
     * the white quiet zone: {@code (modules + 8) * scale} pixels a side, one byte array. Pure,
     * any thread. Errors: INVALID_ARG ({@code text} as {@link #qrEncode}, or {@code scale}).
     */
    public static @NotNull QrBitmap qrBitmap(@NotNull String text, int scale) {
        return Native.qrBitmap(text, scale);
    }
}
