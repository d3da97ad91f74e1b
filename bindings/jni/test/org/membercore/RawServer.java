package org.membercore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 (ephemeral port) for what memberstub does not do: it
 * records each request's head as received on the wire, and either answers every request with
 * one canned answer or never answers at all (a server that hangs). Closed by the test.
 */
final class RawServer implements AutoCloseable {
    /** One request as it arrived: the request line and the header lines. */
    static final class Received {
        final String requestLine;
        final List<String> headerLines;

        Received(String requestLine, List<String> headerLines) {
            this.requestLine = requestLine;
            this.headerLines = headerLines;
        }

        /** The first value of the header named (case-insensitive), or null. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headerLines) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket socket;
    private final byte[] answer; /* null: never answer */
    private final boolean keepAlive; /* answer several requests per connection */
    /** Connections accepted so far. */
    final java.util.concurrent.atomic.AtomicInteger connections =
            new java.util.concurrent.atomic.AtomicInteger();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<Socket>());
    final List<Received> received = Collections.synchronizedList(new ArrayList<Received>());
    /** Counted down when the first request's head has arrived. */
    final CountDownLatch firstRequest = new CountDownLatch(1);

    private RawServer(byte[] answer, boolean keepAlive) throws IOException {
        this.answer = answer;
        this.keepAlive = keepAlive;
        socket = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::acceptLoop, "raw-server");
        t.setDaemon(true);
        t.start();
    }

    /** Answers every request with status and a JSON body. */
    static RawServer answering(int status, String json) throws IOException {
        return answering(status, json, false);
    }

    /** The same, keeping each connection open for the next request when keepAlive. */
    static RawServer answering(int status, String json, boolean keepAlive) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII), 0, head.length());
        out.write(body, 0, body.length);
        return new RawServer(out.toByteArray(), keepAlive);
    }

    /** Reads requests and never answers. */
    static RawServer hanging() throws IOException {
        return new RawServer(null, false);
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "raw-server-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; /* closed */
            }
        }
    }

    private void serve(Socket s) {
        try {
            InputStream in = s.getInputStream();
            do {
                List<String> lines = new ArrayList<>();
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        String l = line.toString().replace("\r", "");
                        line.setLength(0);
                        if (l.isEmpty()) {
                            break;
                        }
                        lines.add(l);
                    } else {
                        line.append((char) c);
                    }
                }
                if (lines.isEmpty()) {
                    return;
                }
                Received r = new Received(lines.get(0), lines.subList(1, lines.size()));
                String length = r.header("Content-Length");
                for (long n = length == null ? 0 : Long.parseLong(length); n > 0; n--) {
                    if (in.read() < 0) {
                        break;
                    }
                }
                received.add(r);
                firstRequest.countDown();
                if (answer == null) {
                    return; /* never answers; the socket stays open until close() */
                }
                OutputStream out = s.getOutputStream();
                out.write(answer);
                out.flush();
            } while (keepAlive);
            s.close();
        } catch (IOException e) {
            /* the client went away */
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
