package org.membercore;

import java.util.List;
import java.util.Locale;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One HTTP header (of an {@link HttpRequest} or an {@link HttpResponse}): a name as sent
 * ({@code "Content-Type"}) and its value. {@link #toString()} never shows the value of an
 * {@code Authorization} header (it carries the member's session token).
 */
public final class HttpHeader {
    private final String name;
    private final String value;

    public HttpHeader(@NotNull String name, @NotNull String value) {
        if (name == null || value == null) {
            throw new NullPointerException("a header's name and value must not be null");
        }
        this.name = name;
        this.value = value;
    }

    /* The first value of the header named (case-insensitive) in headers, or null: what
     * HttpRequest.header and HttpResponse.header answer. */
    static @Nullable String first(@NotNull List<HttpHeader> headers, @NotNull String name) {
        for (HttpHeader h : headers) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public @NotNull String getName() {
        return name;
    }

    /** The value; for {@code Authorization}, a secret: never log it. */
    public @NotNull String getValue() {
        return value;
    }

    /** Whether this is a header that carries a secret (its value is never shown). */
    public boolean isSecret() {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie");
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof HttpHeader)) {
            return false;
        }
        HttpHeader h = (HttpHeader) o;
        return name.equalsIgnoreCase(h.name) && value.equals(h.value);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode() * 31 + value.hashCode();
    }

    /** {@code "Name: value"}, or {@code "Authorization: <redacted>"}. */
    @Override
    public @NotNull String toString() {
        return name + ": " + (isSecret() ? "<redacted>" : value);
    }
}
