package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * How to open a {@link MemberCore} ({@code mc_config}). Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * Config config = Config.builder(new File(context.getFilesDir(), "membercore").getPath())
 *         .serverUrl("https://api.example.com")
 *         .secureStorage(new KeystoreSecureStorage(context))
 *         .build();
 * }</pre>
 */
public final class Config {
    final String dataDir;
    final String serverUrl;
    final int connectTimeoutMs;
    final int requestTimeoutMs;
    final SecureStorage secureStorage;
    final Logger logger;
    final Clock clock;
    final String[] tlsPins;
    final String tlsCaFile;
    final Transport transport; /* null: the core's built-in libcurl transport */

    private Config(Builder b) {
        this.dataDir = b.dataDir;
        this.serverUrl = b.serverUrl;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
        this.secureStorage = b.secureStorage;
        this.logger = b.logger;
        this.clock = b.clock;
        this.tlsPins = b.tlsPins == null ? null : b.tlsPins.clone();
        this.tlsCaFile = b.tlsCaFile;
        this.transport = b.transport;
    }

    /** @param dataDir the directory of the local store (created if missing) */
    public static @NotNull Builder builder(@NotNull String dataDir) {
        return new Builder(dataDir);
    }

    public @NotNull String getDataDir() {
        return dataDir;
    }

    public @Nullable String getServerUrl() {
        return serverUrl;
    }

    /** The transport requests go through; null: the core's built-in one (libcurl). */
    public @Nullable Transport getTransport() {
        return transport;
    }

    public static final class Builder {
        private final String dataDir;
        private String serverUrl;
        private int connectTimeoutMs = 5000;
        private int requestTimeoutMs = 15000;
        private SecureStorage secureStorage;
        private Logger logger;
        private Clock clock;
        private String[] tlsPins;
        private String tlsCaFile;
        private Transport transport = new HttpUrlConnectionTransport();

        private Builder(String dataDir) {
            this.dataDir = dataDir;
        }

        /** Base URL of the API server; without one the client is offline-only. */
        public @NotNull Builder serverUrl(@Nullable String url) {
            this.serverUrl = url;
            return this;
        }

        /** Connect timeout per HTTP request, ms (default 5000; must be &gt; 0). */
        public @NotNull Builder connectTimeoutMs(int ms) {
            this.connectTimeoutMs = ms;
            return this;
        }

        /** Total timeout per HTTP request, ms (default 15000; must be &gt; 0). */
        public @NotNull Builder requestTimeoutMs(int ms) {
            this.requestTimeoutMs = ms;
            return this;
        }

        /** Secure storage for the session token; null: the core's default (files, 0600). */
        public @NotNull Builder secureStorage(@Nullable SecureStorage storage) {
            this.secureStorage = storage;
            return this;
        }

        /** Receives log lines; null: warnings and errors to stderr. */
        public @NotNull Builder logger(@Nullable Logger logger) {
            this.logger = logger;
            return this;
        }

        /**
         * The client's clock ({@code mc_config.clock}); null: the system's real-time clock.
         * Tests and demos inject one to run at a fixed instant. See {@link Clock} for the rules
         * it must follow.
         */
        public @NotNull Builder clock(@Nullable Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Certificate pinning ({@code mc_config.tls_pins}): each pin is {@code "sha256/"} and the
         * base64 of the SHA-256 of a certificate's DER SubjectPublicKeyInfo, at least two (a
         * backup for the next key). A request goes out only when the verified chain holds one
         * of those keys, else {@link ErrorCode#TLS_PIN}. None (the default): no pinning.
         * Only with {@link #builtInTransport()}: with a Java {@link Transport} the platform pins
         * (Android: a {@code <pin-set>} in the Network Security Config) and {@link MemberCore#open}
         * refuses pins with {@link ErrorCode#INVALID_ARG}.
         * {@link MemberCore#open} refuses malformed pins or a single one with
         * {@link ErrorCode#INVALID_ARG}.
         */
        public @NotNull Builder tlsPins(@Nullable String... pins) {
            this.tlsPins = pins == null ? null : pins.clone();
            return this;
        }

        /**
         * A PEM file of CA certificates to trust instead of the system's (a private CA, a
         * test's own); null: the system's. Verification is never off. Only with
         * {@link #builtInTransport()} (else {@link ErrorCode#INVALID_ARG} at open): with a Java
         * {@link Transport} the platform's trust applies (Android: the Network Security Config).
         */
        public @NotNull Builder tlsCaFile(@Nullable String path) {
            this.tlsCaFile = path;
            return this;
        }

        /**
         * The HTTP transport every request goes through ({@code mc_config.transport}). The
         * default is a {@link HttpUrlConnectionTransport}: the phone's own networking, so the
         * app's proxy, Network Security Config, user certificates, pinning and connection pool
         * apply. Pass one over OkHttp to share the app's client (README). null: the default.
         */
        public @NotNull Builder transport(@Nullable Transport transport) {
            this.transport = transport == null ? new HttpUrlConnectionTransport() : transport;
            return this;
        }

        /**
         * Use the core's built-in transport (libcurl, connections kept alive across calls, TLS
         * verified as {@link #tlsPins} and {@link #tlsCaFile} say) instead of a Java one: for
         * Linux hosts and tests of the core's own TLS checks, not for Android apps (it bypasses
         * the platform's proxy and Network Security Config).
         */
        public @NotNull Builder builtInTransport() {
            this.transport = null;
            return this;
        }

        public @NotNull Config build() {
            return new Config(this);
        }
    }
}
