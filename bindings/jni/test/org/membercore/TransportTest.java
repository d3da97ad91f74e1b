package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/**
 * The phone's own networking (membercore/transport.h): every request of the core goes through
 * the Java {@link Transport} the app gives ({@link HttpUrlConnectionTransport} by default), seen
 * from the app: the requests it receives, what its failures become, the closing of a client
 * with a request blocked, a photo upload streamed from its file. memberstub and a bare socket
 * server ({@link RawServer}) are the other end.
 */
public class TransportTest extends StubFixture {
    /** What a transport saw of one request (copied: the request dies with send()). */
    static final class Seen {
        final String method;
        final String url;
        final List<HttpHeader> headers;
        final long bodyLength;
        final String text; /* the request's toString() */

        Seen(HttpRequest r) {
            method = r.getMethod();
            url = r.getUrl();
            headers = r.getHeaders();
            bodyLength = r.getBodyLength();
            text = r.toString();
        }

        String header(String name) {
            for (HttpHeader h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    /** The app's own transport: records every request, then sends it over HttpURLConnection. */
    static final class Recording implements Transport {
        final List<Seen> seen = Collections.synchronizedList(new ArrayList<Seen>());
        private final Transport inner = new HttpUrlConnectionTransport();

        @Override
        public HttpResponse send(HttpRequest request) throws IOException {
            seen.add(new Seen(request));
            return inner.send(request);
        }

        List<Seen> snapshot() {
            synchronized (seen) {
                return new ArrayList<>(seen);
            }
        }
    }

    private MemberCore open(String url, Transport transport, Logger logger) {
        return MemberCore.open(Config.builder(dir.getPath()).serverUrl(url).connectTimeoutMs(2000)
                .requestTimeoutMs(5000).clock(clock).logger(logger).transport(transport).build());
    }

    @Test
    public void theDefaultTransportIsHttpUrlConnection() throws Exception {
        assertTrue(Config.builder(dir.getPath()).build().getTransport()
                instanceof HttpUrlConnectionTransport);
        assertNull(Config.builder(dir.getPath()).builtInTransport().build().getTransport());
        /* On the wire: HttpURLConnection's own User-Agent, not the built-in transport's. */
        try (RawServer raw = RawServer.answering(503, "{\"error\":{\"code\":\"down\"}}");
                MemberCore core = TestSupport.open(dir, raw.url())) {
            try {
                core.auth().requestOtp(TestSupport.ASHA);
                fail("a 503 is an error");
            } catch (MemberCoreException expected) {
                assertFalse(expected.toString(), expected.getCode() == ErrorCode.OFFLINE);
            }
            assertEquals(1, raw.received.size());
            RawServer.Received r = raw.received.get(0);
            assertEquals("POST /v1/auth/otp/request HTTP/1.1", r.requestLine);
            String agent = r.header("User-Agent");
            assertTrue(String.valueOf(agent), agent != null && agent.startsWith("Java/"));
        }
    }

    /** The platform's pool: sequential requests share one connection (error answers too). */
    @Test
    public void theJavaTransportKeepsItsConnection() throws Exception {
        try (RawServer raw = RawServer.answering(503, "{\"error\":{\"code\":\"down\"}}", true);
                MemberCore core = TestSupport.open(dir, raw.url())) {
            for (int i = 0; i < 5; i++) {
                try {
                    core.auth().requestOtp(TestSupport.ASHA);
                    fail("a 503 is an error");
                } catch (MemberCoreException expected) {
                    assertEquals(503, expected.getHttpStatus());
                }
            }
            assertEquals(5, raw.received.size());
            assertEquals(1, raw.connections.get());
        }
    }

    @Test
    public void aCustomTransportSeesEveryRequestAndTheTokenIsNeverShown() throws Exception {
        Recording transport = new Recording();
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        String token;
        try (MemberCore core = open(stub.url(), transport, logger)) {
            TestSupport.signIn(core, stub, TestSupport.ASHA);
            core.sync().once();
            assertTrue(core.auth().isSignedIn());
        }
        List<Seen> seen = transport.snapshot();
        assertTrue(seen.size() + " requests", seen.size() >= 3);
        Seen otp = seen.get(0);
        assertEquals("POST", otp.method);
        assertEquals(stub.url() + "/v1/auth/otp/request", otp.url);
        assertTrue(otp.bodyLength > 0);
        assertNull("no session yet", otp.header("Authorization"));
        assertEquals(stub.url() + "/v1/auth/otp/verify", seen.get(1).url);
        boolean pulled = false;
        token = null;
        for (Seen s : seen) {
            assertTrue(s.url, s.url.startsWith(stub.url() + "/v1/"));
            pulled |= s.url.startsWith(stub.url() + "/v1/sync/pull");
            String auth = s.header("Authorization");
            if (auth != null) {
                assertTrue("a bearer token", auth.startsWith("Bearer ") && auth.length() > 20);
                token = auth.substring("Bearer ".length());
            }
        }
        assertTrue("the sync pulled", pulled);
        assertNotNull("requests after sign-in carry the session", token);
        /* The token is in no request's text nor in any log line. */
        for (Seen s : seen) {
            assertFalse(s.text, s.text.contains(token));
            if (s.header("Authorization") != null) {
                assertTrue(s.text, s.text.contains("Authorization: <redacted>"));
            }
        }
        synchronized (logger.lines) {
            for (String line : logger.lines) {
                assertFalse(line, line.contains(token));
            }
        }
    }

    @Test
    public void whatATransportThrowsBecomesAClearError() throws Exception {
        TestSupport.RecordingLogger logger = new TestSupport.RecordingLogger();
        Transport broken = r -> {
            throw new IllegalStateException("no network stack today");
        };
        try (MemberCore core = open(stub.url(), broken, logger)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.NETWORK,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertTrue(e.getMessage(), e.getMessage().contains("no network stack today"));
            assertTrue(logger.lines.toString(), logger.contains("IllegalStateException"));
            assertFalse(core.auth().isSignedIn()); /* the client is fine */
        }
        Transport distrustful = r -> {
            throw new TransportException(ErrorCode.TLS, "certificate not trusted by the app");
        };
        try (MemberCore core = open(stub.url(), distrustful, null)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.TLS,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertTrue(e.getMessage(), e.getMessage().contains("certificate not trusted"));
        }
        Transport silent = r -> null;
        try (MemberCore core = open(stub.url(), silent, null)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.NETWORK,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertTrue(e.getMessage(), e.getMessage().contains("no response"));
        }
        Transport huge = r -> new HttpResponse(200, null, new byte[16 * 1024 * 1024 + 1]);
        try (MemberCore core = open(stub.url(), huge, null)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.NETWORK,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertTrue(e.getMessage(), e.getMessage().contains("too large"));
        }
        Transport nonsense = r -> new HttpResponse(42, null, null);
        try (MemberCore core = open(stub.url(), nonsense, null)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.NETWORK,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertTrue(e.getMessage(), e.getMessage().contains("42"));
        }
        try {
            new TransportException(ErrorCode.CONFLICT, "not a transport's failure");
            fail("only the five transport codes");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("CONFLICT"));
        }
    }

    @Test
    public void aClosedPortIsOffline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (MemberCore core = TestSupport.open(dir, "http://127.0.0.1:" + port)) {
            MemberCoreException e = TestSupport.expectError(ErrorCode.OFFLINE,
                    () -> core.auth().requestOtp(TestSupport.ASHA));
            assertEquals("offline", e.getCode().statusName());
        }
    }

    /** https to a server that speaks plain http: the handshake fails, TLS (not offline). */
    @Test
    public void aFailedHandshakeIsTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 4, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        s.getOutputStream().write(
                                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                        .getBytes("US-ASCII"));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "plain-http");
            t.setDaemon(true);
            t.start();
            try (MemberCore core = TestSupport.open(dir,
                    "https://127.0.0.1:" + plain.getLocalPort())) {
                MemberCoreException e = TestSupport.expectError(ErrorCode.TLS,
                        () -> core.auth().requestOtp(TestSupport.ASHA));
                assertTrue(e.getMessage(), e.getMessage().contains("127.0.0.1"));
            }
        }
    }

    @Test
    public void closingTheClientCancelsABlockedRequestPromptly() throws Exception {
        final int limitMs = 60000;
        long refs = MemberCore.nativeGlobalRefCount();
        try (RawServer raw = RawServer.hanging()) {
            MemberCore core = MemberCore.open(Config.builder(dir.getPath()).serverUrl(raw.url())
                    .connectTimeoutMs(2000).requestTimeoutMs(limitMs).build());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    core.auth().requestOtp(TestSupport.ASHA);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "blocked-caller");
            caller.start();
            assertTrue("the request reached the server",
                    raw.firstRequest.await(10, TimeUnit.SECONDS));
            long start = System.nanoTime();
            core.close();
            caller.join(10000);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse("the call returned", caller.isAlive());
            assertTrue(ms + " ms: far sooner than the request's limit", ms < limitMs / 6);
            Throwable t = thrown.get();
            assertTrue(String.valueOf(t), t instanceof MemberCoreException);
            assertEquals(ErrorCode.CANCELLED, ((MemberCoreException) t).getCode());
            assertEquals("cancelled", ErrorCode.CANCELLED.statusName());
            assertEquals(21, ErrorCode.CANCELLED.value());
            assertEquals("the transport's reference is released by close", refs,
                    MemberCore.nativeGlobalRefCount());
        }
    }

    /**
     * The sync thread (the core's, attached to the VM by the glue) blocked in the app's transport:
     * close() cancels it through HttpRequest.onCancel and returns at once.
     */
    @Test
    public void closingCancelsTheSyncThreadsRequest() throws Exception {
        final java.util.concurrent.CountDownLatch blocked =
                new java.util.concurrent.CountDownLatch(1);
        final AtomicReference<String> thread = new AtomicReference<>();
        final AtomicReference<Boolean> sawCancel = new AtomicReference<>(false);
        final Transport inner = new HttpUrlConnectionTransport();
        final java.util.concurrent.atomic.AtomicBoolean block =
                new java.util.concurrent.atomic.AtomicBoolean();
        Transport transport = r -> {
            if (!block.get() || !r.getUrl().contains("/v1/sync/")) {
                return inner.send(r);
            }
            java.util.concurrent.CountDownLatch cancelled =
                    new java.util.concurrent.CountDownLatch(1);
            r.onCancel(cancelled::countDown);
            thread.set(Thread.currentThread().getName());
            blocked.countDown();
            try {
                sawCancel.set(cancelled.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TransportException(ErrorCode.CANCELLED, "cancelled by the test's transport");
        };
        long refs = MemberCore.nativeGlobalRefCount();
        MemberCore core = open(stub.url(), transport, null);
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        block.set(true);
        core.sync().start();
        assertTrue("the sync thread reached the transport", blocked.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        core.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms + " ms", ms < 10000);
        assertTrue("onCancel ran", sawCancel.get());
        /* the core's thread, attached by the glue (mcj_env names it) */
        assertEquals("membercore-native", thread.get());
        assertEquals(refs, MemberCore.nativeGlobalRefCount());
    }

    @Test
    public void aTicketPhotoUploadsThroughTheJavaTransport() throws Exception {
        File files = TestSupport.tempDir("transport-files");
        try {
            File photo = TestSupport.writePng(new File(files, "leak.png"), 120, 90);
            long bytes = photo.length();
            Recording transport = new Recording();
            String photoId;
            try (MemberCore core = open(stub.url(), transport, null)) {
                TestSupport.signIn(core, stub, TestSupport.ASHA);
                core.sync().once();
                String id = core.tickets().file(TicketDraft.builder("cleaning.washroom",
                        TicketPriority.HIGH, "A leak under the sink").cabin("Cabin 1019")
                        .photo(photo.getPath()).build());
                photoId = core.tickets().get(id).getPhotos().get(0).getId();
                core.sync().once();
                TicketPhoto p = core.tickets().get(id).getPhotos().get(0);
                assertTrue(p.toString(), p.isUploaded());
                assertEquals(bytes, p.getSentBytes());
            }
            Seen upload = null;
            for (Seen s : transport.snapshot()) {
                if (s.method.equals("PATCH")) {
                    upload = s;
                }
            }
            assertNotNull("a PATCH went through the app's transport", upload);
            assertEquals(bytes, upload.bodyLength);
            assertEquals("0", upload.header("Upload-Offset"));
            assertEquals("application/offset+octet-stream", upload.header("Content-Type"));
            String held = stub.upload(photoId);
            assertTrue(held, held.matches("(?s).*\"complete\"\\s*:\\s*true.*"));
            assertEquals(bytes, StubServer.jsonLong(held, "received"));
        } finally {
            TestSupport.deleteTree(files);
        }
    }
}
