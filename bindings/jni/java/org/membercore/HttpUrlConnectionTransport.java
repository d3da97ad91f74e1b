package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The default {@link Transport} of the JNI binding: {@code java.net.HttpURLConnection}, the
 * phone's own networking. On Android it is OkHttp inside the platform, so the app's proxy,
 * Network Security Config (cleartext rules, user or private CAs, {@code <pin-set>}), its
 * connection pool and TLS session cache apply to every request of the core.
 *
 * <p>Per request: the connect timeout and the read timeout (the stall limit, else the total
 * limit) from the {@link HttpRequest}, and the total limit enforced by a watchdog that
 * disconnects; {@link HttpRequest#onCancel} disconnects too, from the closing thread. No
 * redirect is followed and no cache used ({@code setUseCaches(false)}); the binding installs no
 * {@code CookieHandler} (a process-wide one the app sets would apply: the API sets no cookie).
 * Bodies go out in fixed-length streaming mode, a photo read from its file as it is sent.
 * Status, headers and body come back for every status, error bodies included
 * ({@code getErrorStream}). Failures: no connection made (unknown host, refused, connect
 * timeout): {@link ErrorCode#OFFLINE}; the certificate not trusted or the handshake failed:
 * {@link ErrorCode#TLS}; any other failure once connected: {@link ErrorCode#NETWORK};
 * cancelled: {@link ErrorCode#CANCELLED}.
 *
 * <p>{@code PATCH} (the photo upload): Android's HttpURLConnection accepts it; the desktop JDK's
 * refuses it, so this class then sets the method by reflection, which needs
 * {@code --add-opens java.base/java.net=ALL-UNNAMED} (and
 * {@code java.base/sun.net.www.protocol.https} for https) on the host JVM; without them the
 * upload fails with {@link ErrorCode#NETWORK} saying so.
 *
 * <p>Stateless apart from the platform's pool: one instance may serve several clients.
 */
public final class HttpUrlConnectionTransport implements Transport {
    private static final int CHUNK = 64 * 1024;

    /* One daemon thread for every time limit of every instance. */
    private static final ScheduledThreadPoolExecutor WATCHDOG = newWatchdog();

    private static ScheduledThreadPoolExecutor newWatchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "membercore-http-watchdog");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    public HttpUrlConnectionTransport() {
    }

    @Override
    public @NotNull HttpResponse send(@NotNull HttpRequest request) throws IOException {
        return new Exchange(request).perform();
    }

    @Override
    public @NotNull String toString() {
        return "HttpUrlConnectionTransport";
    }

    /* One request's state, shared with the watchdog and the cancelling thread. */
    private static final class Exchange implements Runnable {
        private final HttpRequest request;
        private final long startNs = System.nanoTime();
        private volatile long lastProgressNs = startNs;
        private volatile HttpURLConnection conn;
        private volatile boolean connected;
        private volatile boolean cancelled;
        private volatile boolean timedOut;
        /* perform() has returned: a late watchdog or cancel must not disconnect the connection,
         * which may be back in the platform's pool. */
        private volatile boolean done;
        private volatile ScheduledFuture<?> timer;

        Exchange(HttpRequest request) {
            this.request = request;
        }

        HttpResponse perform() throws IOException {
            URL url = new URL(request.getUrl());
            URLConnection c = url.openConnection();
            if (!(c instanceof HttpURLConnection)) {
                throw new TransportException(ErrorCode.OFFLINE,
                        "not an http(s) URL: " + url.getProtocol());
            }
            HttpURLConnection conn = (HttpURLConnection) c;
            this.conn = conn;
            boolean ok = false;
            try {
                setMethod(conn, request.getMethod());
                conn.setInstanceFollowRedirects(false);
                conn.setUseCaches(false);
                conn.setDoInput(true);
                conn.setConnectTimeout(request.getConnectTimeoutMs());
                int stall = request.getStallTimeoutMs();
                conn.setReadTimeout(stall > 0 ? stall : Math.max(0, request.getRequestTimeoutMs()));
                for (HttpHeader h : request.getHeaders()) {
                    conn.addRequestProperty(h.getName(), h.getValue());
                }
                long length = request.getBodyLength();
                if (length >= 0) {
                    conn.setDoOutput(true);
                    conn.setFixedLengthStreamingMode(length);
                }
                request.onCancel(this::cancel);
                arm();
                checkCancelled();
                conn.connect();
                connected = true;
                checkCancelled(); /* a cancel that came during connect() */
                if (length >= 0) {
                    writeBody(conn, length);
                }
                int status = conn.getResponseCode();
                if (status < 100 || status > 599) {
                    throw new TransportException(ErrorCode.NETWORK,
                            "the server's answer is not HTTP");
                }
                List<HttpHeader> headers = new ArrayList<>();
                for (Map.Entry<String, List<String>> e : conn.getHeaderFields().entrySet()) {
                    if (e.getKey() == null) {
                        continue; /* the status line */
                    }
                    for (String v : e.getValue()) {
                        headers.add(new HttpHeader(e.getKey(), v == null ? "" : v));
                    }
                }
                byte[] body = readBody(conn, status);
                ok = true;
                return new HttpResponse(status, headers, body);
            } catch (IOException | RuntimeException e) {
                throw failure(e);
            } finally {
                done = true;
                request.onCancel(null);
                ScheduledFuture<?> t = timer;
                if (t != null) {
                    t.cancel(false);
                }
                if (!ok) {
                    conn.disconnect(); /* a broken exchange: its socket is not reused */
                }
            }
        }

        private void checkCancelled() throws TransportException {
            if (cancelled) {
                throw new TransportException(ErrorCode.CANCELLED, "the request was cancelled");
            }
        }

        /* The method; PATCH by reflection on a JDK whose HttpURLConnection refuses it. */
        private static void setMethod(HttpURLConnection conn, String method) throws IOException {
            try {
                conn.setRequestMethod(method);
                return;
            } catch (ProtocolException refused) {
                if (!"PATCH".equals(method)) {
                    throw new TransportException(ErrorCode.OFFLINE,
                            "HttpURLConnection refuses the method " + method, refused);
                }
                try {
                    setMethodField(conn, method);
                    Field delegate = findField(conn.getClass(), "delegate");
                    if (delegate != null) { /* https: the connection doing the work */
                        delegate.setAccessible(true);
                        Object d = delegate.get(conn);
                        if (d instanceof HttpURLConnection) {
                            setMethodField((HttpURLConnection) d, method);
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new TransportException(ErrorCode.NETWORK, "this JVM's HttpURLConnection"
                            + " refuses PATCH (run it with --add-opens"
                            + " java.base/java.net=ALL-UNNAMED, or pass another Transport)", e);
                }
            }
        }

        private static void setMethodField(HttpURLConnection conn, String method)
                throws ReflectiveOperationException {
            Field f = HttpURLConnection.class.getDeclaredField("method");
            f.setAccessible(true);
            f.set(conn, method);
        }

        private static Field findField(Class<?> cls, String name) {
            for (Class<?> k = cls; k != null; k = k.getSuperclass()) {
                try {
                    return k.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    /* up */
                }
            }
            return null;
        }

        private void writeBody(HttpURLConnection conn, long length) throws IOException {
            long sent = 0;
            try (InputStream in = request.openBody(); OutputStream out = conn.getOutputStream()) {
                byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
                while (sent < length) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, length - sent));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    sent += n;
                    lastProgressNs = System.nanoTime();
                }
            }
            if (sent != length) {
                throw new TransportException(ErrorCode.NETWORK, "the request body ended after "
                        + sent + " of " + length + " bytes");
            }
        }

        private byte[] readBody(HttpURLConnection conn, int status) throws IOException {
            InputStream in;
            if (status >= 400) {
                in = conn.getErrorStream();
            } else {
                try {
                    in = conn.getInputStream();
                } catch (IOException e) {
                    in = conn.getErrorStream();
                    if (in == null) {
                        throw e;
                    }
                }
            }
            if (in == null || "HEAD".equals(request.getMethod())) {
                if (in != null) {
                    in.close();
                }
                return new byte[0];
            }
            try (InputStream body = in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = body.read(buf)) >= 0) {
                    lastProgressNs = System.nanoTime();
                    if (out.size() + n > TransportBridge.MAX_BODY) {
                        throw new TransportException(ErrorCode.NETWORK,
                                "the server's answer is too large");
                    }
                    out.write(buf, 0, n);
                }
                return out.toByteArray(); /* read to the end: the connection can be reused */
            }
        }

        /* Start the watchdog for the total and stall limits (none: nothing to watch). */
        private void arm() {
            if (done) {
                return;
            }
            long next = nextCheckNs();
            if (next >= 0) {
                timer = WATCHDOG.schedule(this, next, TimeUnit.NANOSECONDS);
            }
        }

        /* How long until a limit may pass, ns; -1 when there is none. */
        private long nextCheckNs() {
            long now = System.nanoTime();
            long next = -1;
            int total = request.getRequestTimeoutMs();
            if (total > 0) {
                next = Math.max(0, startNs + TimeUnit.MILLISECONDS.toNanos(total) - now);
            }
            int stall = request.getStallTimeoutMs();
            if (stall > 0) {
                long s = Math.max(0, lastProgressNs + TimeUnit.MILLISECONDS.toNanos(stall) - now);
                next = next < 0 ? s : Math.min(next, s);
            }
            return next;
        }

        /* The watchdog: a limit passed, or look again later. */
        @Override
        public void run() {
            long now = System.nanoTime();
            int total = request.getRequestTimeoutMs();
            int stall = request.getStallTimeoutMs();
            boolean over = (total > 0 && now - startNs >= TimeUnit.MILLISECONDS.toNanos(total))
                    || (stall > 0
                            && now - lastProgressNs >= TimeUnit.MILLISECONDS.toNanos(stall));
            if (over) {
                timedOut = true;
                abort();
            } else {
                arm();
            }
        }

        /* HttpRequest.onCancel: the client is closing. */
        private void cancel() {
            cancelled = true;
            abort();
        }

        private void abort() {
            HttpURLConnection c = conn;
            if (c != null && !done) {
                c.disconnect(); /* fails a blocked connect, write or read on its socket */
            }
        }

        /* What a failure means to the core (membercore/transport.h). */
        private IOException failure(Exception e) {
            if (cancelled || request.isCancelled()) {
                return new TransportException(ErrorCode.CANCELLED, "the request was cancelled",
                        e);
            }
            String where = hostOf(request.getUrl());
            if (timedOut || (e instanceof SocketTimeoutException)) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                return connected
                        ? new TransportException(ErrorCode.NETWORK,
                                "no answer from " + where + " in time (" + ms + " ms)", e)
                        : new TransportException(ErrorCode.OFFLINE,
                                "could not connect to " + where + " in time (" + ms + " ms)", e);
            }
            if (e instanceof TransportException) {
                return (TransportException) e;
            }
            ErrorCode code = TransportBridge.classify(e);
            String what = e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
            /* Any TLS failure before the connection is made is TLS, as with the built-in
             * transport (an https URL answered by a plain-http server included). */
            if (code == ErrorCode.TLS || (!connected && e instanceof SSLException)) {
                return new TransportException(ErrorCode.TLS,
                        "the TLS connection to " + where + " could not be verified (" + what + ")",
                        e);
            }
            if (!connected) {
                return new TransportException(ErrorCode.OFFLINE,
                        "could not connect to " + where + " (" + what + ")", e);
            }
            return new TransportException(ErrorCode.NETWORK,
                    "the exchange with " + where + " failed (" + what + ")", e);
        }

        private static String hostOf(String url) {
            try {
                URL u = new URL(url);
                return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            } catch (IOException e) {
                return "the server";
            }
        }
    }
}
