package org.membercore;

import java.io.IOException;
import org.jetbrains.annotations.NotNull;

/**
 * The HTTP transport every request of a {@link MemberCore} goes through
 * ({@code mc_transport}, membercore/transport.h): request in, response out, blocking, with
 * cancellation. The default, {@link HttpUrlConnectionTransport}, uses the phone's own networking
 * ({@code java.net.HttpURLConnection}: the app's proxy, Network Security Config, user
 * certificates, pinning and connection pool apply). An app that already has an OkHttp client
 * passes a transport over it with {@link Config.Builder#transport(Transport)} (the binding's
 * README has one in a dozen lines).
 *
 * <p><b>Threads.</b> {@link #send} is called on the thread of the call that needs the network
 * (an app thread, or the core's sync thread), several at once: it must be thread-safe.
 * {@link HttpRequest#onCancel(Runnable)} says how {@link MemberCore#close()} (another thread)
 * stops a request in flight.
 *
 * <p><b>What a transport does.</b> Send the request as given (method, URL, headers in order,
 * the body of {@link HttpRequest#getBodyLength()} bytes from {@link HttpRequest#openBody()}),
 * within the request's time limits; follow no redirect; keep no cookie; cache nothing; never log
 * the value of the {@code Authorization} header. Return the answer, whatever its status (4xx and
 * 5xx too, with their bodies: the core reads them). Throw when no answer came:
 * {@link TransportException} with {@link ErrorCode#OFFLINE} (no connection was made: nothing was
 * sent), {@link ErrorCode#NETWORK} (connected, then the exchange broke or timed out),
 * {@link ErrorCode#TLS} / {@link ErrorCode#TLS_PIN} (the server's certificate was not trusted /
 * not pinned) or {@link ErrorCode#CANCELLED}. Other exceptions are mapped by their class
 * ({@code UnknownHostException}, {@code ConnectException}: OFFLINE; {@code SSLHandshakeException},
 * {@code SSLPeerUnverifiedException}, a {@code CertificateException}: TLS; another
 * {@code IOException}: NETWORK); anything else a transport throws (a bug in it) fails the call
 * with {@link ErrorCode#NETWORK} and a message naming it, and never reaches the core's thread.
 */
@FunctionalInterface
public interface Transport {
    /**
     * Perform {@code request} and return the server's answer. {@code request} is valid only
     * during this call: its body cannot be read once it has returned.
     *
     * @throws IOException when no answer came (see the class comment for the codes)
     */
    @NotNull
    HttpResponse send(@NotNull HttpRequest request) throws IOException;
}
