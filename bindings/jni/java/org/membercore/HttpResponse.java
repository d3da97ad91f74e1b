package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link Transport} returns: the HTTP status code (100 to 599, error statuses included),
 * the answer's headers (all of them, or at least {@code Content-Type}, {@code Retry-After} and
 * {@code Upload-Offset}, which the core reads) and its body (at most 16 MiB: the core refuses a
 * larger answer with {@link ErrorCode#NETWORK}).
 */
public final class HttpResponse {
    private final int status;
    private final List<HttpHeader> headers;
    private final byte[] body;

    /**
     * @param status  the HTTP status code
     * @param headers the answer's headers (null: none); copied
     * @param body    the answer's body (null: empty); not copied, do not change it afterwards
     */
    public HttpResponse(int status, @Nullable List<HttpHeader> headers, @Nullable byte[] body) {
        this.status = status;
        this.headers = headers == null ? Collections.<HttpHeader>emptyList()
                : Collections.unmodifiableList(new ArrayList<HttpHeader>(headers));
        this.body = body == null ? new byte[0] : body;
    }

    public int getStatus() {
        return status;
    }

    public @NotNull List<HttpHeader> getHeaders() {
        return headers;
    }

    /** The first value of the header named (case-insensitive), or null. */
    public @Nullable String header(@NotNull String name) {
        return HttpHeader.first(headers, name);
    }

    /** The body (not a copy). */
    public @NotNull byte[] getBody() {
        return body;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof HttpResponse)) {
            return false;
        }
        HttpResponse r = (HttpResponse) o;
        return status == r.status && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public @NotNull String toString() {
        return "HttpResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
    }
}
