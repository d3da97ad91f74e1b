package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

/**
 * One request the core makes through a {@link Transport} ({@code mc_http_request}): valid only
 * during the {@link Transport#send} it is passed to.
 *
 * <p>The headers are the core's, in order ({@code Content-Type}, {@code Authorization},
 * {@code Upload-Offset}, ...); a transport adds none that change the meaning (its platform may
 * add {@code Host}, {@code Content-Length}, {@code User-Agent}, {@code Accept-Encoding}). The
 * value of {@code Authorization} is the member's session token: never log it
 * ({@link #toString()} does not show it).
 */
public final class HttpRequest {
    private final long id;
    private final String method;
    private final String url;
    private final List<HttpHeader> headers;
    private final byte[] body; /* the body in memory, or null (none, or read from native) */
    private final long bodyLength;
    private final int connectTimeoutMs;
    private final int requestTimeoutMs;
    private final int stallTimeoutMs;

    /* The C request (mc_http_request *) for a body read through the core, 0 when none; reads
     * are refused once finished (the pointer is dead). Guarded by this. */
    private final long nativeRequest;
    private boolean finished;

    private volatile boolean cancelled;
    private Runnable cancelAction; /* guarded by this */
    /* Why reading the body failed (STORAGE), reported instead of what the transport says. */
    volatile TransportException bodyFailure;

    HttpRequest(long id, String method, String url, List<HttpHeader> headers, byte[] body,
            long bodyLength, long nativeRequest, int connectTimeoutMs, int requestTimeoutMs,
            int stallTimeoutMs) {
        this.id = id;
        this.method = method;
        this.url = url;
        this.headers = Collections.unmodifiableList(headers);
        this.body = body;
        this.bodyLength = bodyLength;
        this.nativeRequest = nativeRequest;
        this.connectTimeoutMs = connectTimeoutMs;
        this.requestTimeoutMs = requestTimeoutMs;
        this.stallTimeoutMs = stallTimeoutMs;
    }

    /** Unique per client, never 0. */
    public long getId() {
        return id;
    }

    /** {@code "GET"}, {@code "HEAD"}, {@code "POST"}, {@code "PUT"}, {@code "PATCH"} or
     * {@code "DELETE"}. */
    public @NotNull String getMethod() {
        return method;
    }

    /** The absolute URL, already checked by the core (https, or http to loopback only). */
    public @NotNull String getUrl() {
        return url;
    }

    /** The headers to send, in order. */
    public @NotNull List<HttpHeader> getHeaders() {
        return headers;
    }

    /** The first value of the header named (case-insensitive), or null. */
    public @Nullable String header(@NotNull String name) {
        return HttpHeader.first(headers, name);
    }

    /** The body's length in bytes, or -1 for a request without a body. */
    public long getBodyLength() {
        return bodyLength;
    }

    /**
     * A new stream over the whole body (each call starts again from the first byte, so a
     * transport may retry), or null when there is none. A photo upload's body is read from its
     * file as the stream is read, not held in memory. It fails with an {@code IOException} once
     * {@link Transport#send} has returned, or when the file cannot be read (the call then fails
     * with {@link ErrorCode#STORAGE}).
     */
    public @NotNull InputStream openBody() {
        if (bodyLength < 0) {
            return null;
        }
        if (body != null) {
            return new ByteArrayInputStream(body, 0, (int) bodyLength);
        }
        return new NativeBody();
    }

    /** To have a connection (TCP and TLS) to send on, ms, &gt; 0. */
    public int getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** The whole exchange, from the start to the last byte of the answer, ms; 0: no total limit
     * (uploads: {@link #getStallTimeoutMs()} applies). Past it: NETWORK (OFFLINE when not yet
     * connected). */
    public int getRequestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** Give up when no byte has moved either way for this long, ms; 0: no stall limit. */
    public int getStallTimeoutMs() {
        return stallTimeoutMs;
    }

    /** Whether the core cancelled this request (its client is closing). */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * What to run when the core cancels this request ({@link MemberCore#close()} from another
     * thread): abort it, so that {@link Transport#send} returns soon (throwing, e.g. a
     * {@link TransportException} with {@link ErrorCode#CANCELLED}; whatever it throws once
     * cancelled counts as CANCELLED). Runs at once, on this thread, when the request is already
     * cancelled; null removes the action. Runs at most once, on the thread that cancels.
     */
    public void onCancel(@NotNull Runnable action) {
        boolean now;
        synchronized (this) {
            now = cancelled && action != null;
            cancelAction = now ? null : action;
        }
        if (now) {
            action.run();
        }
    }

    /* The bridge: the core cancelled this request. */
    void cancel() {
        Runnable action;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            action = cancelAction;
            cancelAction = null;
        }
        if (action != null) {
            action.run();
        }
    }

    /* The bridge: send() has returned; the C request is gone. */
    synchronized void finish() {
        finished = true;
        cancelAction = null;
    }

    /* One read of the C body, under the lock that finish() takes. */
    private synchronized int readNative(long offset, byte[] buf, int off, int len)
            throws IOException {
        if (finished) {
            throw new IOException("the request is over: its body can no longer be read");
        }
        try {
            return Native.transportBodyRead(nativeRequest, offset, buf, off, len);
        } catch (MemberCoreException e) {
            TransportException t = new TransportException(e.getCode(), e.getMessage(), e, true);
            bodyFailure = t;
            throw t;
        }
    }

    /* The body read through mc_http_body_read, as the stream is read. */
    private final class NativeBody extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (off < 0 || len < 0 || len > buf.length - off) {
                throw new IndexOutOfBoundsException();
            }
            if (len == 0) {
                return 0;
            }
            if (position >= bodyLength) {
                return -1;
            }
            int n = readNative(position, buf, off, len);
            if (n <= 0) {
                return -1;
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, bodyLength - position));
            position += k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, bodyLength - position));
        }
    }

    /** Method, URL, headers (the Authorization value redacted), body length. */
    @Override
    public @NotNull String toString() {
        return "HttpRequest[" + id + " " + method + " " + url + ", " + headers + ", "
                + (bodyLength < 0 ? "no body" : bodyLength + " bytes") + "]";
    }
}
