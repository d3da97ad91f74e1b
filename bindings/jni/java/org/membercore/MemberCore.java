package org.membercore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The membercore client: one per data directory, opened with {@link #open(Config)} and closed
 * with {@link #close()}. It keeps the client's life (open, close, the clock) and hands out one
 * object per area of the API, each a view of this client:
 *
 * <ul>
 * <li>{@link #auth()}: sign-in by SMS code, profile and intent, the account, sign-out;
 * <li>{@link #sync()}: the sync engine, its listeners and the outbox of unsent writes;
 * <li>{@link #community()}: events and RSVPs, the notification inbox, the push token;
 * <li>{@link #rooms()}: meeting-room search, bookings, Razorpay payment, company credits;
 * <li>{@link #billing()}: day passes, invoices and their payment, the membership;
 * <li>{@link #buildings()}: the operator's buildings as synced;
 * <li>{@link #access()}: door credentials, their rotating codes and QR codes.
 * </ul>
 *
 * <p>In Kotlin: {@code core.rooms().search(RoomQuery.builder("BLR-1", "2027-01-04").build())}.
 *
 * <p><b>Threads.</b> Every method of this class and of the area objects may be called from any
 * thread. Reads and local writes answer from the local store and are quick; the calls each area
 * marks as blocking wait on the network (up to the configured timeouts): call them off the UI
 * thread (an executor, or Kotlin's {@code withContext(Dispatchers.IO)}).
 *
 * <p><b>Errors</b> are {@link MemberCoreException}s carrying the core's {@link ErrorCode}. Any
 * call after {@link #close()}, on this object or any of its area objects, throws
 * {@link IllegalStateException}; closing twice is fine. {@code close()} waits for calls in flight
 * on other threads, so it never frees the client under them.
 */
public final class MemberCore implements AutoCloseable {
    /*
     * The native handle is protected by a counted guard rather than a read-write lock: calls
     * count themselves in and out, close() marks the client closing (new calls fail at once)
     * and waits for the count to reach zero. A listener that calls back into the client while
     * close() waits for the sync thread therefore fails fast instead of blocking the thread
     * that close() is joining.
     */
    private final Object guard = new Object();
    private long handle;
    private int inFlight;
    private boolean closing;
    private final Set<ListenerRegistration> registrations =
            Collections.newSetFromMap(new IdentityHashMap<ListenerRegistration, Boolean>());
    private final Logger logger;

    /* Calls of this client in progress on the current thread / IMMEDIATE callbacks running. */
    private final ThreadLocal<int[]> callDepth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };
    private final ThreadLocal<int[]> immediateDepth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private final Auth auth = new Auth(this);
    private final Sync sync = new Sync(this);
    private final Community community = new Community(this);
    private final Rooms rooms = new Rooms(this);
    private final Billing billing = new Billing(this);
    private final Buildings buildings = new Buildings(this);
    private final Access access = new Access(this);

    private MemberCore(long handle, Logger logger) {
        this.handle = handle;
        this.logger = logger;
    }

    // ---- the areas --------------------------------------------------------------------------

    /** Sign-in, the profile and intent, the account and sign-out. */
    public Auth auth() {
        return auth;
    }

    /** The sync engine: sync now or in the background, its state, listeners, the outbox. */
    public Sync sync() {
        return sync;
    }

    /** Events and RSVPs, the notification inbox and the push token. */
    public Community community() {
        return community;
    }

    /** Meeting rooms: search, bookings, Razorpay payment, cancellation, company credits. */
    public Rooms rooms() {
        return rooms;
    }

    /** Day passes, invoices and their payment, the membership. */
    public Billing billing() {
        return billing;
    }

    /** The operator's buildings as last synced. */
    public Buildings buildings() {
        return buildings;
    }

    /** Door credentials, their rotating codes, and QR codes to show them. */
    public Access access() {
        return access;
    }

    /**
     * Open a client over {@code config}'s data directory, creating and migrating the local store
     * as needed. Throws {@link MemberCoreException} ({@link ErrorCode#INVALID_ARG} for a bad
     * config, {@link ErrorCode#STORAGE} when the directory or store is unusable).
     */
    public static MemberCore open(Config config) {
        if (config == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, "config is null");
        }
        long h = Native.open(config.dataDir, config.serverUrl, config.connectTimeoutMs,
                config.requestTimeoutMs, config.secureStorage, config.logger,
                safeClock(config.clock, config.logger));
        return new MemberCore(h, config.logger);
    }

    /*
     * The clock the glue calls: what the host's clock throws is reported (the first time, so a
     * broken clock does not flood the log) and the system clock answers instead. Nothing is
     * left pending for the C side.
     */
    private static Clock safeClock(final Clock clock, final Logger logger) {
        if (clock == null) {
            return null;
        }
        return new Clock() {
            private volatile boolean reported;

            @Override
            public long nowMs() {
                try {
                    return clock.nowMs();
                } catch (Throwable t) {
                    if (!reported) {
                        reported = true;
                        report(logger, "clock " + clock
                                + " (the system clock is used instead)", t);
                    }
                    return System.currentTimeMillis();
                }
            }
        };
    }

    /** The library version, "MAJOR.MINOR.PATCH". */
    public static String version() {
        return Native.version();
    }

    /** The schema version of the local store this library writes. */
    public static int storeSchemaVersion() {
        return Native.storeSchemaVersion();
    }

    /**
     * The OS's default data directory (Linux: {@code $XDG_DATA_HOME/membercore} or
     * {@code ~/.local/share/membercore}). On Android there is none a library can know: pass
     * {@code new File(context.getFilesDir(), "membercore")} and expect {@link ErrorCode#STATE}
     * here.
     */
    public static String defaultDataDir() {
        return Native.defaultDataDir();
    }

    /**
     * Normalise a phone number as typed to E.164 ({@code "098765 43210"} gives
     * {@code "+919876543210"}). Pure, no I/O. Throws {@link ErrorCode#INVALID_ARG} naming the
     * problem.
     */
    public static String normalizePhone(String input) {
        return Native.normalizePhone(input);
    }

    /** Global references the JNI glue holds right now (a debug counter for leak tests). */
    public static long nativeGlobalRefCount() {
        return Native.globalRefCount();
    }

    // ---- the guard --------------------------------------------------------------------------

    private long enter() {
        long h;
        synchronized (guard) {
            if (handle == 0 || closing) {
                throw new IllegalStateException("MemberCore is closed");
            }
            inFlight++;
            h = handle;
        }
        callDepth.get()[0]++;
        return h;
    }

    private void exit() {
        callDepth.get()[0]--;
        synchronized (guard) {
            if (--inFlight == 0 && closing) {
                guard.notifyAll();
            }
        }
    }

    /* A native call on the handle, through the guard. */
    interface Call<T> {
        T on(long handle);
    }

    /* A native call without a result, through the guard. */
    interface Action {
        void on(long handle);
    }

    /* What every area object's method does: run one native call under the guard. */
    <T> T call(Call<T> call) {
        long h = enter();
        try {
            return call.on(h);
        } finally {
            exit();
        }
    }

    void run(Action action) {
        long h = enter();
        try {
            action.on(h);
        } finally {
            exit();
        }
    }

    /* A native list as the unmodifiable List every area returns. */
    static <T> List<T> listOf(T[] items) {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    void enterImmediateCallback() {
        immediateDepth.get()[0]++;
    }

    void exitImmediateCallback() {
        immediateDepth.get()[0]--;
    }

    boolean inImmediateCallback() {
        return immediateDepth.get()[0] > 0;
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        synchronized (guard) {
            return handle == 0 || closing;
        }
    }

    /**
     * Stop the background sync, close the client and release everything it holds (listeners
     * included). Waits for calls in flight on other threads. Closing again does nothing. Throws
     * {@link IllegalStateException} when called from inside a call of this client on the same
     * thread (a QUEUED listener run by {@link Sync#deliverQueued()}) or from an IMMEDIATE
     * listener: close from another thread.
     */
    @Override
    public void close() {
        long h;
        boolean interrupted = false;
        synchronized (guard) {
            if (handle == 0) {
                return;
            }
            if (callDepth.get()[0] > 0 || inImmediateCallback()) {
                throw new IllegalStateException(
                        "MemberCore.close() called from one of its own listeners or calls");
            }
            if (closing) { /* another thread is closing: wait for it to finish */
                while (handle != 0) {
                    try {
                        guard.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            closing = true;
            while (inFlight > 0) {
                try {
                    guard.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            h = handle;
        }
        try {
            Native.close(h);
        } finally {
            synchronized (guard) {
                handle = 0;
                for (ListenerRegistration r : registrations) {
                    r.markRemoved();
                }
                registrations.clear();
                guard.notifyAll();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void require(Object value, String name) {
        if (value == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, name + " is null");
        }
    }

    /** Now, in ms since the epoch, by the client's clock (what "now" means for its reads). */
    public long now() {
        return call(Native::now);
    }

    // ---- listeners (for Sync and ListenerRegistration) --------------------------------------

    /* Register listener through the glue and track it until it is removed or the client closed. */
    ListenerHandle addListener(final int types, final Delivery delivery, SyncListener listener) {
        final ListenerRegistration registration =
                new ListenerRegistration(this, listener, delivery);
        registration.token = call(h -> Native.addListener(h, types, delivery.value(),
                registration));
        synchronized (guard) {
            registrations.add(registration);
        }
        return registration;
    }

    void removeListener(ListenerRegistration registration) {
        if (!registration.markRemoved()) {
            return;
        }
        long h;
        synchronized (guard) {
            registrations.remove(registration);
            if (handle == 0 || closing) {
                return; /* close() releases it */
            }
            inFlight++;
            h = handle;
        }
        callDepth.get()[0]++;
        try {
            Native.removeListener(h, registration.token);
        } finally {
            exit();
        }
    }

    // ---- callbacks that threw ---------------------------------------------------------------

    void callbackFailed(String what, Throwable t) {
        report(logger, what, t);
    }

    private static void report(Logger logger, String what, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String line = what + " threw " + trace;
        if (logger != null) {
            try {
                logger.log(LogLevel.ERROR, line);
                return;
            } catch (Throwable ignored) {
                /* fall through to stderr */
            }
        }
        System.err.println("membercore: " + line);
    }

    /* For tests: registrations the Java side still tracks. */
    List<ListenerRegistration> liveRegistrations() {
        synchronized (guard) {
            return new ArrayList<ListenerRegistration>(registrations);
        }
    }
}
