package org.membercore;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jetbrains.annotations.NotNull;

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
 * <li>{@link #access()}: door credentials, their rotating codes and QR codes;
 * <li>{@link #tickets()}: facility tickets, their categories, photos and timelines;
 * <li>{@link #staff()}: the ground staff's ticket queue (accounts with the staff role);
 * <li>{@link #visitors()}: the member's visitors: invite, list, cancel, approve a walk-in;
 * <li>{@link #reception()}: the front desk's visitors of a day, check-in, walk-ins (staff);
 * <li>{@link #notifications()}: channel preferences, quiet hours, mark all read, links;
 * <li>{@link #desks()}: hot desks by the day: search, book, pay, cancel, the member's desk days;
 * <li>{@link #announcements()}: the operator's announcements and their read state;
 * <li>{@link #offers()}: partner offers and their codes;
 * <li>{@link #calendar()}: the member's bookings, desk days, passes and events as iCalendar.
 * </ul>
 *
 * <p>{@link #today()} reads the member's whole day at once (the "Today" screen).
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
     * The handle guards itself in C (membercore/client.h): mc_client_close waits for the calls in
     * flight and every call that starts afterwards fails with MC_ERR_STATE, which call() turns
     * into IllegalStateException. The handle's memory is freed by HandleCleaner once this object
     * is unreachable, so no native call can still be running on it: call() ends with a
     * reachability fence that keeps this object alive until the native call has returned.
     */
    private final long handle;
    private volatile boolean closed;
    private final Object closeLock = new Object(); /* one close at a time */
    private boolean closeDone; /* written under closeLock and the registrations' lock */
    /* Its own lock, never held across a native call: a listener may add or remove listeners
     * while close() waits for the call that runs it. */
    private final Set<ListenerRegistration> registrations =
            Collections.newSetFromMap(new IdentityHashMap<ListenerRegistration, Boolean>());
    private final Logger logger;

    /* On the current thread: [0] listener or wake-up callbacks of this client running, [1] of
     * which IMMEDIATE listeners. close() is refused inside any, Sync.stop() inside the latter. */
    private final ThreadLocal<int[]> callbackDepth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[2];
        }
    };

    private final Auth auth = new Auth(this);
    private final Sync sync = new Sync(this);
    private final Community community = new Community(this);
    private final Rooms rooms = new Rooms(this);
    private final Billing billing = new Billing(this);
    private final Buildings buildings = new Buildings(this);
    private final Access access = new Access(this);
    private final Tickets tickets = new Tickets(this);
    private final Staff staff = new Staff(this);
    private final Visitors visitors = new Visitors(this);
    private final Reception reception = new Reception(this);
    private final Notifications notifications = new Notifications(this);
    private final Desks desks = new Desks(this);
    private final Announcements announcements = new Announcements(this);
    private final Offers offers = new Offers(this);
    private final CalendarExport calendar = new CalendarExport(this);

    private MemberCore(long handle, Logger logger) {
        this.handle = handle;
        this.logger = logger;
        HandleCleaner.register(this, handle);
    }

    // ---- the areas --------------------------------------------------------------------------

    /** Sign-in, the profile and intent, the account and sign-out. */
    public @NotNull Auth auth() {
        return auth;
    }

    /** The sync engine: sync now or in the background, its state, listeners, the outbox. */
    public @NotNull Sync sync() {
        return sync;
    }

    /** Events and RSVPs, the notification inbox and the push token. */
    public @NotNull Community community() {
        return community;
    }

    /** Meeting rooms: search, bookings, Razorpay payment, cancellation, company credits. */
    public @NotNull Rooms rooms() {
        return rooms;
    }

    /** Day passes, invoices and their payment, the membership. */
    public @NotNull Billing billing() {
        return billing;
    }

    /** The operator's buildings as last synced. */
    public @NotNull Buildings buildings() {
        return buildings;
    }

    /** Door credentials, their rotating codes, and QR codes to show them. */
    public @NotNull Access access() {
        return access;
    }

    /** Facility tickets: categories, filing with photos (offline too), timelines, comments. */
    public @NotNull Tickets tickets() {
        return tickets;
    }

    /** The ground staff's ticket queue, for an account with the staff role (online calls). */
    public @NotNull Staff staff() {
        return staff;
    }

    /** The member's visitors: invite (offline too), list, cancel, approve or decline walk-ins. */
    public @NotNull Visitors visitors() {
        return visitors;
    }

    /** The front desk, for an account with the staff role (online calls). */
    public @NotNull Reception reception() {
        return reception;
    }

    /** Notification channels per category, quiet hours, mark all read, pruning, links. */
    public @NotNull Notifications notifications() {
        return notifications;
    }

    /** Hot desks by the day: search, book (offline with plan or credits), pay, cancel, list. */
    public @NotNull Desks desks() {
        return desks;
    }

    /** The operator's announcements: list, mark read (offline too). */
    public @NotNull Announcements announcements() {
        return announcements;
    }

    /** Partner offers: list, redeem for a code (online). */
    public @NotNull Offers offers() {
        return offers;
    }

    /** The member's calendar as an iCalendar (RFC 5545) file. */
    public @NotNull CalendarExport calendar() {
        return calendar;
    }

    /**
     * The member's day from the local store ({@code mc_today_get}): offline, one read, no
     * network; read it again when a sync event's kinds touch it ({@link Today#affected(Set)}).
     * Errors: UNAUTHORIZED (nobody signed in), STORAGE, NO_MEMORY.
     */
    public @NotNull Today today() {
        return call(Native::today);
    }

    /**
     * Open a client over {@code config}'s data directory, creating and migrating the local store
     * as needed. Throws {@link MemberCoreException} ({@link ErrorCode#INVALID_ARG} for a bad
     * config, {@link ErrorCode#STORAGE} when the directory or store is unusable).
     */
    public static @NotNull MemberCore open(@NotNull Config config) {
        if (config == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, "config is null");
        }
        long h = Native.open(config.dataDir, config.serverUrl, config.connectTimeoutMs,
                config.requestTimeoutMs, config.secureStorage, config.logger,
                safeClock(config.clock, config.logger), config.tlsPins, config.tlsCaFile,
                config.transport == null ? null
                        : new TransportBridge(config.transport, config.logger));
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
    public static @NotNull String version() {
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
    public static @NotNull String defaultDataDir() {
        return Native.defaultDataDir();
    }

    /**
     * Normalise a phone number as typed to E.164 ({@code "098765 43210"} gives
     * {@code "+919876543210"}). Pure, no I/O. Throws {@link ErrorCode#INVALID_ARG} naming the
     * problem.
     */
    public static @NotNull String normalizePhone(@NotNull String input) {
        return Native.normalizePhone(input);
    }

    /**
     * Remove the local store in {@code dataDir} (the directory {@link Config} names): for a
     * store {@link #open} reports {@link ErrorCode#STORE_DAMAGED} (its session is already
     * dropped), or for a reset. The directory and the secure storage stay; what the server
     * has comes back with the next sign-in and sync, local writes not yet sent are lost. No
     * client may be open over that directory. Throws {@link ErrorCode#INVALID_ARG} (null or
     * empty) or {@link ErrorCode#STORAGE} naming the file that could not be removed.
     */
    public static void removeStore(@NotNull File dataDir) {
        Native.storeRemove(dataDir == null ? null : dataDir.getPath());
    }

    /** Global references the JNI glue holds right now (a debug counter for leak tests). */
    public static long nativeGlobalRefCount() {
        return Native.globalRefCount();
    }

    // ---- calls ----------------------------------------------------------------------------

    /* A native call on the handle. */
    interface Call<T> {
        T on(long handle);
    }

    /* A native call without a result. */
    interface Action {
        void on(long handle);
    }

    /*
     * What every area object's method does: one native call. Refused at once after close(); a
     * call that was already past that check when close() began gets the core's MC_ERR_STATE,
     * which becomes the same IllegalStateException. The fence keeps this object (whose
     * HandleCleaner frees the handle) reachable until the native call has returned.
     */
    <T> T call(Call<T> call) {
        if (closed) {
            throw closedError(null);
        }
        try {
            return call.on(handle);
        } catch (MemberCoreException e) {
            if (e.getCode() == ErrorCode.STATE && closed) {
                throw closedError(e);
            }
            throw e;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    void run(final Action action) {
        call(h -> {
            action.on(h);
            return null;
        });
    }

    private static IllegalStateException closedError(Throwable cause) {
        IllegalStateException e = new IllegalStateException("MemberCore is closed");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /* A native list as the unmodifiable List every area returns. */
    static <T> List<T> listOf(T[] items) {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /* Around a listener or wake-up callback of this client (ListenerRegistration, Sync). */
    void enterCallback(boolean immediate) {
        int[] depth = callbackDepth.get();
        depth[0]++;
        if (immediate) {
            depth[1]++;
        }
    }

    void exitCallback(boolean immediate) {
        int[] depth = callbackDepth.get();
        depth[0]--;
        if (immediate) {
            depth[1]--;
        }
    }

    boolean inImmediateCallback() {
        return callbackDepth.get()[1] > 0;
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stop the background sync, close the client and release everything it holds (listeners
     * included). Waits for calls in flight on other threads (a network call may take up to its
     * timeout); calls that start meanwhile throw {@link IllegalStateException}. Closing again
     * does nothing; two threads closing at once both return after the one close. Throws
     * {@link IllegalStateException} when called from inside one of this client's listeners or
     * its wake-up (the close would wait for the very call running it): close from another
     * thread. The handle's memory is freed once this object is unreachable.
     */
    @Override
    public void close() {
        if (callbackDepth.get()[0] > 0) {
            throw new IllegalStateException(
                    "MemberCore.close() called from one of its own listeners or its wake-up");
        }
        synchronized (closeLock) {
            if (closeDone) {
                return;
            }
            closed = true;
            try {
                Native.close(handle);
            } finally {
                synchronized (registrations) {
                    closeDone = true;
                    for (ListenerRegistration r : registrations) {
                        r.markRemoved();
                    }
                    registrations.clear();
                }
                Reference.reachabilityFence(this);
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
        synchronized (registrations) {
            if (!closeDone) {
                registrations.add(registration);
            }
        }
        return registration;
    }

    void removeListener(final ListenerRegistration registration) {
        if (!registration.markRemoved()) {
            return;
        }
        synchronized (registrations) {
            registrations.remove(registration);
        }
        try {
            run(h -> Native.removeListener(h, registration.token));
        } catch (IllegalStateException closed) {
            /* close() releases it */
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
        synchronized (registrations) {
            return new ArrayList<ListenerRegistration>(registrations);
        }
    }
}
