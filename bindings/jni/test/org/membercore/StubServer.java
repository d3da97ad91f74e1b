package org.membercore;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real memberstub (the binary named by $MEMBERSTUB) on 127.0.0.1, an ephemeral port, in test
 * mode, over a fresh database, started with its clock at T0 (--clock-ms: the seed is dated from
 * it; the clock then stands still, so OTP cooldowns are
 * exact). {@link #close()} stops it with SIGTERM and checks that it exited cleanly.
 */
final class StubServer implements AutoCloseable {
    /** 2027-01-04T04:30:00Z, a Monday morning in Bengaluru (where the C suites set it too). */
    static final long T0_MS = 1799037000000L;

    private final Process process;
    private final File dir;
    private final String url;

    private StubServer(Process process, File dir, int port) {
        this.process = process;
        this.dir = dir;
        this.url = "http://127.0.0.1:" + port;
    }

    static StubServer start() throws Exception {
        String exe = System.getenv("MEMBERSTUB");
        if (exe == null || exe.isEmpty()) {
            throw new IllegalStateException(
                    "MEMBERSTUB is not set: point it at the built memberstub (scripts/test-jni.sh does)");
        }
        File dir = TestSupport.tempDir("stub");
        File portFile = new File(dir, "port");
        ProcessBuilder pb = new ProcessBuilder(exe, "--db", new File(dir, "stub.db").getPath(),
                "--port", "0", "--port-file", portFile.getPath(), "--test-mode",
                "--clock-ms", Long.toString(T0_MS));
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(dir, "stub.log"));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int port = 0;
        while (port == 0 && System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("memberstub exited with " + p.exitValue()
                        + " before listening: " + log(dir));
            }
            if (portFile.exists()) {
                String text = new String(Files.readAllBytes(portFile.toPath()),
                        StandardCharsets.US_ASCII).trim();
                if (!text.isEmpty()) {
                    port = Integer.parseInt(text);
                }
            }
            if (port == 0) {
                Thread.sleep(10);
            }
        }
        if (port == 0) {
            p.destroyForcibly();
            throw new IllegalStateException("memberstub wrote no port file within 10 s");
        }
        return new StubServer(p, dir, port);
    }

    private static String log(File dir) {
        try {
            return new String(Files.readAllBytes(new File(dir, "stub.log").toPath()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String url() {
        return url;
    }

    /** The latest code texted to phone (E.164), via GET /v1/test/sms/latest. */
    String latestOtp(String phone) throws IOException {
        String body = request("GET",
                "/v1/test/sms/latest?phone=" + URLEncoder.encode(phone, "UTF-8"), null, 200);
        Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"(\\d{6})\"").matcher(body);
        if (!m.find()) {
            throw new IOException("no code in " + body);
        }
        return m.group(1);
    }

    /**
     * What Razorpay checkout would return for order: {payment_id, signature}, a valid signature
     * or with forge a wrong one (POST /v1/test/razorpay/pay).
     */
    String[] razorpayPay(String orderId, boolean forge) throws IOException {
        String body = request("POST", "/v1/test/razorpay/pay",
                "{\"order_id\": \"" + orderId + "\", \"forge\": " + forge + "}", 200);
        return new String[] {jsonString(body, "payment_id"), jsonString(body, "signature")};
    }

    /** Set the stub's clock (POST /v1/test/clock); it then stands still there. */
    void setClock(long nowMs) throws IOException {
        request("POST", "/v1/test/clock", "{\"now_ms\": " + nowMs + "}", 200);
    }

    /** doorScan at the entrance ("in"). */
    String doorScan(String building, String payload) throws IOException {
        return doorScan(building, payload, "in");
    }

    /**
     * Show payload to the simulated door reader of building facing direction ("in" or "out";
     * POST /v1/test/door/scan): null when it grants access, else its reason ("anti_passback",
     * "replayed", "expired", "wrong_building", ...).
     */
    String doorScan(String building, String payload, String direction) throws IOException {
        String body = request("POST", "/v1/test/door/scan", "{\"building\": \"" + building
                + "\", \"payload\": \"" + payload + "\", \"direction\": \"" + direction
                + "\"}", 200);
        if (body.matches("(?s).*\"granted\"\\s*:\\s*true.*")) {
            return null;
        }
        return jsonString(body, "reason");
    }

    /** Change a building's day-pass price (POST /v1/test/open_space); clients see it on sync. */
    void setDayPassPrice(String building, long paise) throws IOException {
        request("POST", "/v1/test/open_space", "{\"building_id\": \"" + building
                + "\", \"day_pass_price_paise\": " + paise + "}", 200);
    }

    /** The access emails sent to an address, as the stub's JSON (GET /v1/test/emails). */
    String emails(String to) throws IOException {
        return request("GET", "/v1/test/emails?to=" + URLEncoder.encode(to, "UTF-8"), null, 200);
    }

    /**
     * What the server holds of a ticket photo (GET /v1/test/uploads, test mode): {photo_id,
     * bytes, received, complete, bytes_received_total, requests}.
     */
    String upload(String photoId) throws IOException {
        return request("GET", "/v1/test/uploads?photo_id=" + URLEncoder.encode(photoId, "UTF-8"),
                null, 200);
    }

    /** The push deliveries to a member's tokens (GET /v1/test/pushes, test mode). */
    String pushes(String phone) throws IOException {
        return request("GET", "/v1/test/pushes?phone=" + URLEncoder.encode(phone, "UTF-8"), null,
                200);
    }

    /** The push tokens the server holds for a member (GET /v1/test/push_tokens), as JSON. */
    String pushTokens(String phone) throws IOException {
        return request("GET", "/v1/test/push_tokens?phone=" + URLEncoder.encode(phone, "UTF-8"),
                null, 200);
    }

    /**
     * Every delivery of a member's notifications of kind (GET /v1/test/deliveries, test mode):
     * {deliveries: [{kind, category, channel, to, status, ...}]} oldest first.
     */
    String deliveries(String phone, String kind) throws IOException {
        return request("GET", "/v1/test/deliveries?phone=" + URLEncoder.encode(phone, "UTF-8")
                + "&kind=" + URLEncoder.encode(kind, "UTF-8"), null, 200);
    }

    /** The texts the simulated SMS gateway sent to phone (GET /v1/test/sms), as JSON. */
    String texts(String phone) throws IOException {
        return request("GET", "/v1/test/sms?phone=" + URLEncoder.encode(phone, "UTF-8"), null,
                200);
    }

    /** Send a member a notification (POST /v1/test/notifications: a change only they pull). */
    void sendNotification(String phone, String category, String title) throws IOException {
        request("POST", "/v1/test/notifications", "{\"phone\": \"" + phone
                + "\", \"category\": \"" + category + "\", \"title\": \"" + title
                + "\", \"body\": \"b\"}", 200);
    }

    /** The channels of a delivery JSON, in order ("push", "email", "sms"). */
    static java.util.List<String> channels(String deliveries) {
        java.util.List<String> out = new java.util.ArrayList<String>();
        Matcher m = Pattern.compile("\"channel\"\\s*:\\s*\"([a-z]+)\"").matcher(deliveries);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The first number value of key in a JSON text (enough for the stub's flat answers). */
    static long jsonLong(String json, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?\\d+)")
                .matcher(json);
        if (!m.find()) {
            throw new IOException("no number " + key + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** The first string value of key in a JSON text (enough for the stub's flat answers). */
    static String jsonString(String json, String key) throws IOException {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IOException("no " + key + " in " + json);
        }
        return m.group(1);
    }

    /** One HTTP exchange; fails unless the status is expected. Returns the body. */
    String request(String method, String path, String json, int expected) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(30000);
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            OutputStream out = c.getOutputStream();
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.close();
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        if (in != null) {
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
            in.close();
        }
        c.disconnect();
        String body = new String(buf.toByteArray(), StandardCharsets.UTF_8);
        if (status != expected) {
            throw new IOException(method + " " + path + " -> " + status + ": " + body);
        }
        return body;
    }

    @Override
    public void close() throws IOException {
        process.destroy(); /* SIGTERM: memberstub stops cleanly and exits 0 */
        boolean exited;
        try {
            exited = process.waitFor(10, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping memberstub", e);
        }
        if (!exited) {
            throw new IOException("memberstub ignored SIGTERM for 10 s");
        }
        int status = process.exitValue();
        String log = log(dir);
        TestSupport.deleteTree(dir);
        if (status != 0) {
            throw new IOException("memberstub exited with " + status + ": " + log);
        }
    }
}
