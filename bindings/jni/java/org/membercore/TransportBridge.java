package org.membercore;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One client's {@link Transport} as the JNI glue calls it (bindings/jni/src/natives_transport.c,
 * an {@code mc_transport} over this object): builds the {@link HttpRequest}, calls the app's
 * transport, writes its {@link HttpResponse} into the core's response, and turns whatever it
 * throws into a status and a message. Nothing it calls can leave an exception pending for C.
 */
final class TransportBridge {
    /* The core refuses larger answers; checked here too, before the copy to C. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final Transport transport;
    private final Logger logger;
    /* The requests in send(), by id, for cancel(). */
    private final ConcurrentHashMap<Long, HttpRequest> inFlight = new ConcurrentHashMap<>();
    /* Ids cancelled before their send() reached Java (bounded: the core cancels only at close,
     * and only the requests it has in flight). */
    private final Set<Long> cancelledEarly = ConcurrentHashMap.newKeySet();

    TransportBridge(Transport transport, Logger logger) {
        this.transport = transport;
        this.logger = logger;
    }

    Transport transport() {
        return transport;
    }

    /*
     * mc_transport.send, from the glue: null when an answer was written into the core's
     * response (whatever its HTTP status), else the failure (its status() is the mc_status).
     * request / response are the C pointers, valid during this call only. Never throws.
     */
    TransportException exchange(long request, long response, long id, String method, String url,
            String[] headerNames, String[] headerValues, byte[] body, long bodyLength,
            int connectTimeoutMs, int requestTimeoutMs, int stallTimeoutMs) {
        HttpRequest r = null;
        try {
            List<HttpHeader> headers = new ArrayList<>(headerNames.length);
            for (int i = 0; i < headerNames.length; i++) {
                headers.add(new HttpHeader(headerNames[i], headerValues[i]));
            }
            r = new HttpRequest(id, method, url, headers, body, bodyLength,
                    body == null ? request : 0, connectTimeoutMs, requestTimeoutMs,
                    stallTimeoutMs);
            inFlight.put(id, r);
            if (cancelledEarly.remove(id)) {
                r.cancel();
            }
            HttpResponse answer;
            try {
                answer = transport.send(r);
            } catch (Throwable t) {
                return failure(r, t);
            }
            if (r.isCancelled()) {
                return cancelled();
            }
            if (answer == null) {
                return report(new TransportException(ErrorCode.NETWORK,
                        "the app's transport (" + transport.getClass().getName()
                                + ") returned no response",
                        null, true));
            }
            int status = answer.getStatus();
            if (status < 100 || status > 599) {
                return report(new TransportException(ErrorCode.NETWORK,
                        "the app's transport returned HTTP status " + status, null, true));
            }
            byte[] answerBody = answer.getBody();
            if (answerBody.length > MAX_BODY) {
                return new TransportException(ErrorCode.NETWORK,
                        "the server's answer is too large", null, true);
            }
            List<HttpHeader> answerHeaders = answer.getHeaders();
            String[] names = new String[answerHeaders.size()];
            String[] values = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = answerHeaders.get(i).getName();
                values[i] = answerHeaders.get(i).getValue();
            }
            Native.transportRespond(response, status, names, values, answerBody);
            return null;
        } catch (MemberCoreException e) {
            /* the core refused the answer (too large, a header too long, out of memory) */
            return new TransportException(e.getCode(), e.getMessage(), e, true);
        } catch (Throwable t) {
            return new TransportException(ErrorCode.NO_MEMORY,
                    "could not pass the request to the transport: " + t, t, true);
        } finally {
            if (r != null) {
                r.finish();
                inFlight.remove(id, r);
            }
        }
    }

    /* mc_transport.cancel, from the glue (the thread closing the client). Never throws. */
    void cancel(long id) {
        try {
            HttpRequest r = inFlight.get(id);
            if (r == null) {
                cancelledEarly.add(id);
                r = inFlight.get(id); /* it may have started meanwhile */
            }
            if (r != null) {
                r.cancel();
            }
        } catch (Throwable t) {
            report(new TransportException(ErrorCode.NETWORK,
                    "cancelling a request failed: " + t, t, true));
        }
    }

    private static TransportException cancelled() {
        return new TransportException(ErrorCode.CANCELLED, "the request was cancelled", null,
                true);
    }

    /* What the transport threw, as a status and a message. */
    private TransportException failure(HttpRequest r, Throwable t) {
        if (r.isCancelled()) {
            return cancelled();
        }
        if (r.bodyFailure != null) {
            return r.bodyFailure;
        }
        if (t instanceof TransportException) {
            return (TransportException) t;
        }
        ErrorCode code = classify(t);
        if (code != null) {
            return new TransportException(code, describe(t), t, true);
        }
        /* Not an IOException: a bug in the app's transport. */
        return report(new TransportException(ErrorCode.NETWORK, "the app's transport ("
                + transport.getClass().getName() + ") threw " + t, t, true));
    }

    /* OFFLINE, TLS or NETWORK for an IOException by its class (and its causes), null for what
     * is not an IOException. */
    static ErrorCode classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLPeerUnverifiedException || c instanceof SSLHandshakeException
                    || c instanceof CertificateException) {
                return ErrorCode.TLS;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof UnknownHostException || t instanceof ConnectException
                || t instanceof NoRouteToHostException) {
            return ErrorCode.OFFLINE;
        }
        return t instanceof IOException ? ErrorCode.NETWORK : null;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /* A failure the app's developer should see: logged as well as returned. */
    private TransportException report(TransportException e) {
        if (logger != null) {
            try {
                logger.log(LogLevel.WARN, "transport: " + e.getMessage());
            } catch (Throwable ignored) {
                /* a throwing logger loses its line */
            }
        }
        return e;
    }
}
