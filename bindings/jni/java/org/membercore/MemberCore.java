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
 * with {@link #close()}.
 *
 * <p><b>Threads.</b> Every method may be called from any thread. Reads ({@link #events()},
 * {@link #account()}, ...) and local writes ({@link #rsvp}, {@link #markNotificationRead}) answer
 * from the local store and are quick. The sign-in calls ({@link #requestOtp}, {@link #verifyOtp},
 * {@link #completeProfile}, {@link #setIntent}, {@link #refreshAccount}), {@link #syncOnce()}, a
 * Razorpay {@link #createBooking}, {@link #confirmPayment}, {@link #checkoutPasses},
 * {@link #payInvoice} and {@link #confirmInvoicePayment} block on the network (up to the
 * configured timeouts): call them off the UI thread (an executor, or Kotlin's
 * {@code withContext(Dispatchers.IO)}). Room search, credit bookings and cancellations, pass
 * quotes, the billing lists, the buildings, credentials and their door codes answer from the
 * local store.
 *
 * <p><b>Errors</b> are {@link MemberCoreException}s carrying the core's {@link ErrorCode}. Any
 * call after {@link #close()} throws {@link IllegalStateException}; closing twice is fine.
 * {@code close()} waits for calls in flight on other threads, so it never frees the client under
 * them.
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

    private MemberCore(long handle, Logger logger) {
        this.handle = handle;
        this.logger = logger;
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

    void enterImmediateCallback() {
        immediateDepth.get()[0]++;
    }

    void exitImmediateCallback() {
        immediateDepth.get()[0]--;
    }

    private boolean inImmediateCallback() {
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
     * thread (a QUEUED listener run by {@link #deliverQueued()}) or from an IMMEDIATE listener:
     * close from another thread.
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

    private static void require(Object value, String name) {
        if (value == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, name + " is null");
        }
    }

    /** Now, in ms since the epoch, by the client's clock (what "now" means for its reads). */
    public long now() {
        long h = enter();
        try {
            return Native.now(h);
        } finally {
            exit();
        }
    }

    // ---- sign-in ----------------------------------------------------------------------------

    /**
     * Ask the server to text a 6-digit code to {@code phone} (normalised first) and remember
     * the phone for {@link #verifyOtp}. Blocks on the network. Errors: INVALID_ARG,
     * OTP_RATE_LIMITED (see {@link MemberCoreException#getRetryAfterSeconds()}), OFFLINE,
     * NETWORK, SERVER, STORAGE.
     */
    public OtpRequest requestOtp(String phone) {
        long h = enter();
        try {
            return Native.requestOtp(h, phone);
        } finally {
            exit();
        }
    }

    /** The phone of the sign-in in progress, or null when there is none. Local only. */
    public String pendingPhone() {
        long h = enter();
        try {
            return Native.pendingPhone(h);
        } finally {
            exit();
        }
    }

    /**
     * Check the 6-digit code against the pending request; on success the session is kept and
     * the account returned. Blocks on the network. Errors: INVALID_ARG, STATE (no code
     * requested), OTP_WRONG (see {@link MemberCoreException#getAttemptsLeft()}), OTP_EXPIRED,
     * OTP_EXHAUSTED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public VerifyResult verifyOtp(String code) {
        long h = enter();
        try {
            return Native.verifyOtp(h, code);
        } finally {
            exit();
        }
    }

    /**
     * Complete (or update) the signed-in user's profile; the first completion makes the CRM
     * lead. Blocks on the network. Errors: INVALID_ARG (names the field), UNAUTHORIZED,
     * OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public Account completeProfile(Profile profile) {
        require(profile, "profile");
        long h = enter();
        try {
            return Native.completeProfile(h, profile.name, profile.email, profile.company,
                    profile.city);
        } finally {
            exit();
        }
    }

    /**
     * Record what the member needs. On-demand grants the role at once. Blocks on the network.
     * Errors: INVALID_ARG, STATE (profile not complete), UNAUTHORIZED, OFFLINE, NETWORK,
     * SERVER, STORAGE.
     */
    public Account setIntent(IntentDetails details) {
        require(details, "details");
        long h = enter();
        try {
            return Native.setIntent(h, details.intent.value(), details.industry,
                    details.employees, details.timeline, details.budgetPaise);
        } finally {
            exit();
        }
    }

    /** True when a session is held (it may still have expired on the server). */
    public boolean isSignedIn() {
        long h = enter();
        try {
            return Native.isSignedIn(h);
        } finally {
            exit();
        }
    }

    /** The signed-in account from the local store (works offline). Errors: UNAUTHORIZED. */
    public Account account() {
        long h = enter();
        try {
            return Native.account(h);
        } finally {
            exit();
        }
    }

    /**
     * Fetch the account from the server and update the local store. Blocks on the network.
     * Errors: UNAUTHORIZED (the local session is dropped), OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public Account refreshAccount() {
        long h = enter();
        try {
            return Native.refreshAccount(h);
        } finally {
            exit();
        }
    }

    /**
     * Sign out: the session and the member's synced data go at once, reachable server or not.
     * Unsent writes wait for the same member's next sign-in.
     */
    public void logout() {
        long h = enter();
        try {
            Native.logout(h);
        } finally {
            exit();
        }
    }

    /**
     * Register this install's push token (from FirebaseMessaging, and again whenever it
     * rotates). Queued like any write; never blocks on the network. Errors: INVALID_ARG,
     * UNAUTHORIZED, STORAGE.
     */
    public void registerPushToken(PushProvider provider, String token) {
        require(provider, "provider");
        long h = enter();
        try {
            Native.registerPushToken(h, provider.value(), token);
        } finally {
            exit();
        }
    }

    // ---- sync ------------------------------------------------------------------------------

    /** The sync engine's state. Local only. */
    public SyncStatus syncStatus() {
        long h = enter();
        try {
            return Native.syncStatus(h);
        } finally {
            exit();
        }
    }

    /**
     * Push every pending write, then pull to the server's head, on this thread (blocking; it
     * waits for a round of the background thread in progress). Errors ({@link
     * SyncFailedException}, with what was done before the error): UNAUTHORIZED, OFFLINE,
     * NETWORK, SERVER, STORAGE.
     */
    public SyncReport syncOnce() {
        long h = enter();
        try {
            return Native.syncOnce(h);
        } finally {
            exit();
        }
    }

    /**
     * Start the background sync thread: it syncs at once, after local writes, on
     * {@link #triggerSync()}, when the network comes back and every 60 s. Starting twice is
     * fine.
     */
    public void startSync() {
        long h = enter();
        try {
            Native.syncStart(h);
        } finally {
            exit();
        }
    }

    /**
     * Stop the background thread and wait for it. Not from an IMMEDIATE listener
     * ({@link IllegalStateException}): it may be running on that very thread.
     */
    public void stopSync() {
        if (inImmediateCallback()) {
            throw new IllegalStateException("stopSync() called from an IMMEDIATE listener");
        }
        long h = enter();
        try {
            Native.syncStop(h);
        } finally {
            exit();
        }
    }

    /** Sync as soon as possible (pull to refresh). */
    public void triggerSync() {
        long h = enter();
        try {
            Native.syncTrigger(h);
        } finally {
            exit();
        }
    }

    /** The app went to the background: no network use until {@link #resumeSync()}. */
    public void pauseSync() {
        long h = enter();
        try {
            Native.syncPause(h);
        } finally {
            exit();
        }
    }

    public void resumeSync() {
        long h = enter();
        try {
            Native.syncResume(h);
        } finally {
            exit();
        }
    }

    /** The OS's reachability hint (ConnectivityManager): false stops trying until true. */
    public void setReachable(boolean reachable) {
        long h = enter();
        try {
            Native.syncSetReachable(h, reachable);
        } finally {
            exit();
        }
    }

    /**
     * Call {@code listener} for the events of {@code types}, on the thread {@code delivery}
     * says. The glue holds the listener until {@link ListenerHandle#remove()} or
     * {@link #close()}.
     */
    public ListenerHandle addSyncListener(Set<SyncEventType> types, Delivery delivery,
            SyncListener listener) {
        require(types, "types");
        require(delivery, "delivery");
        require(listener, "listener");
        ListenerRegistration registration = new ListenerRegistration(this, listener, delivery);
        long h = enter();
        try {
            registration.token = Native.addListener(h, SyncEventType.toBits(types),
                    delivery.value(), registration);
            synchronized (guard) {
                registrations.add(registration);
            }
            return registration;
        } finally {
            exit();
        }
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

    /**
     * Deliver the queued events to the QUEUED listeners on this thread; returns how many
     * callbacks were made.
     */
    public int deliverQueued() {
        long h = enter();
        try {
            return Native.deliverQueued(h);
        } finally {
            exit();
        }
    }

    /**
     * Run {@code wakeup} (on any thread) whenever an event is queued for a QUEUED listener; it
     * must only post to the UI thread, e.g. {@code () -> handler.post(core::deliverQueued)},
     * never deliver itself. Null removes it.
     */
    public void setWakeup(final Runnable wakeup) {
        Runnable safe = null;
        if (wakeup != null) {
            safe = new Runnable() {
                @Override
                public void run() {
                    try {
                        wakeup.run();
                    } catch (Throwable t) {
                        callbackFailed("wakeup " + wakeup, t);
                    }
                }
            };
        }
        long h = enter();
        try {
            Native.setWakeup(h, safe);
        } finally {
            exit();
        }
    }

    // ---- outbox ----------------------------------------------------------------------------

    /** The member's writes not yet confirmed, and the rejected ones, oldest first. */
    public List<Mutation> outbox() {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.outbox(h)));
        } finally {
            exit();
        }
    }

    /** Forget a rejected write once the member has seen why. Errors: NOT_FOUND, STATE. */
    public void dismissMutation(long mutationId) {
        long h = enter();
        try {
            Native.dismissMutation(h, mutationId);
        } finally {
            exit();
        }
    }

    // ---- community -------------------------------------------------------------------------

    /** Every event, soonest first, from the local store (pending RSVPs included). */
    public List<Event> events() {
        return events(0);
    }

    /** Events that end after {@code fromMs} (0: all), soonest first. */
    public List<Event> events(long fromMs) {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.events(h, fromMs)));
        } finally {
            exit();
        }
    }

    /**
     * RSVP going / not going: recorded locally at once (listed as pending) and queued for the
     * server. Errors: INVALID_ARG, NOT_FOUND, CONFLICT (looks full already), UNAUTHORIZED.
     */
    public void rsvp(String eventId, Rsvp rsvp) {
        require(rsvp, "rsvp");
        long h = enter();
        try {
            Native.rsvp(h, eventId, rsvp.value());
        } finally {
            exit();
        }
    }

    /** The inbox, newest first, with unread counts. */
    public NotificationInbox notifications(boolean unreadOnly) {
        long h = enter();
        try {
            return Native.notifications(h, unreadOnly);
        } finally {
            exit();
        }
    }

    /** Mark one notification read: locally at once, queued for the server. */
    public void markNotificationRead(String notificationId) {
        long h = enter();
        try {
            Native.markNotificationRead(h, notificationId);
        } finally {
            exit();
        }
    }

    // ---- meeting rooms ---------------------------------------------------------------------

    /**
     * The rooms of a building that match the query, with their free 60-minute blocks on the
     * date, from the local store (works offline; sync to refresh). The member's own bookings
     * waiting for the server count as taken. Errors: INVALID_ARG (names the field: date,
     * from/to, min_capacity, amenity), NOT_FOUND (no such building locally: sync first),
     * UNAUTHORIZED, STORAGE.
     */
    public RoomSearch searchRooms(RoomQuery query) {
        require(query, "query");
        String[] amenities = query.amenities.toArray(new String[0]);
        long h = enter();
        try {
            return Native.searchRooms(h, query.buildingId, query.date, query.from, query.to,
                    query.minCapacity, amenities);
        } finally {
            exit();
        }
    }

    /**
     * Book a room. {@link Payment#CREDITS}: checked locally (the blocks free here, enough
     * credits as last synced), recorded at once as {@link BookingStatus#PENDING} and queued for
     * the server; never blocks on the network. The server may still refuse it on sync (slot
     * taken meanwhile, credits short): the booking then disappears and a
     * {@link SyncEventType#MUTATION_REJECTED} event says why. {@link Payment#RAZORPAY}: online
     * (blocks); the server holds the slot for 15 minutes and opens an order: open Razorpay
     * checkout with {@link Booking#getOrderId()} and {@link Booking#getRazorpayKeyId()}, then
     * call {@link #confirmPayment}. Errors: INVALID_ARG (names the field), NOT_FOUND (room),
     * CONFLICT (taken, closed, blacked out, too soon or beyond the booking window: the message
     * says which), INSUFFICIENT_CREDITS, FORBIDDEN (no company credits), UNAUTHORIZED, STORAGE;
     * for Razorpay also OFFLINE, NETWORK, SERVER.
     */
    public Booking createBooking(BookingRequest request) {
        require(request, "request");
        if (request.pay == null) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, "pay is required");
        }
        int n = request.guests.size();
        String[] names = new String[n];
        String[] emails = new String[n];
        for (int i = 0; i < n; i++) {
            Guest g = request.guests.get(i);
            require(g, "guests[" + i + "]");
            names[i] = g.name;
            emails[i] = g.email;
        }
        long h = enter();
        try {
            return Native.createBooking(h, request.roomId, request.date, request.start,
                    request.hours, names, emails, request.pay.value());
        } finally {
            exit();
        }
    }

    /**
     * Confirm a Razorpay payment with what Razorpay checkout returned
     * ({@code razorpay_payment_id}, {@code razorpay_signature}); only the server's signature
     * check confirms it. Confirming twice is harmless. Online (blocks); the local store is
     * synced before it returns. Errors: INVALID_ARG (a missing field, or the order belongs to
     * another booking: that one's payment is then confirmed), PAYMENT_FAILED (signature
     * refused), NOT_FOUND, CONFLICT (the hold lapsed or the booking was cancelled),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER, STORAGE.
     */
    public Booking confirmPayment(String bookingId, String orderId, String paymentId,
            String signature) {
        long h = enter();
        try {
            return Native.confirmPayment(h, bookingId, orderId, paymentId, signature);
        } finally {
            exit();
        }
    }

    /**
     * Cancel a booking: shown cancelled (pending) at once and queued for the server, which
     * refunds the credits when it is cancelled before the building's cut-off. Cancelling one
     * already being cancelled does nothing. Errors: INVALID_ARG, NOT_FOUND, STATE (already
     * cancelled, or over), UNAUTHORIZED, STORAGE.
     */
    public void cancelBooking(String bookingId) {
        long h = enter();
        try {
            Native.cancelBooking(h, bookingId);
        } finally {
            exit();
        }
    }

    /** Every booking of the member's, soonest first, with pending changes on top. Local only. */
    public List<Booking> bookings() {
        return bookings(0);
    }

    /**
     * The member's bookings ending after {@code fromMs} (0: all), soonest first, with pending
     * changes on top. Local only. Errors: UNAUTHORIZED, STORAGE.
     */
    public List<Booking> bookings(long fromMs) {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.bookings(h, fromMs)));
        } finally {
            exit();
        }
    }

    /**
     * The member's company credits and ledger, from the local store. Errors: NOT_FOUND (the
     * member has no company credit plan, or the company is not synced yet: the message says
     * which), UNAUTHORIZED, STORAGE.
     */
    public Credits credits() {
        long h = enter();
        try {
            return Native.credits(h);
        } finally {
            exit();
        }
    }

    // ---- day passes, invoices, membership ----------------------------------------------------

    /* The cart as the three parallel arrays the glue takes: dates, guest names, guest emails. */
    private static String[][] cartArrays(Cart cart) {
        int n = cart.items.size();
        String[][] a = new String[3][n];
        for (int i = 0; i < n; i++) {
            PassItem p = cart.items.get(i);
            require(p, "items[" + i + "]");
            a[0][i] = p.date;
            a[1][i] = p.guestName;
            a[2][i] = p.guestEmail;
        }
        return a;
    }

    /**
     * Price a cart with the synced tiers and check it against every rule the device knows (past
     * dates, the booking window, blackouts, closed days, one pass per person per date); the
     * broken ones are in {@link Quote#getViolations()}, not thrown. Capacity is only known to
     * the server. Local only (works offline; sync to refresh prices). Errors: INVALID_ARG (the
     * cart's shape, a date or an email: the message names the field, e.g.
     * {@code items[1].guest_email}), NOT_FOUND (building not synced, or selling no passes),
     * UNAUTHORIZED, STORAGE.
     */
    public Quote quotePasses(Cart cart) {
        require(cart, "cart");
        String[][] a = cartArrays(cart);
        long h = enter();
        try {
            return Native.quotePasses(h, cart.buildingId, a[0], a[1], a[2]);
        } finally {
            exit();
        }
    }

    /**
     * Buy a cart: the server re-checks it (capacity included), makes a draft invoice and a
     * Razorpay order and holds the seats for 15 minutes; the held passes and the draft are
     * synced into the local store before it returns. Open Razorpay checkout with the order,
     * then call {@link #confirmInvoicePayment}. Online (blocks). Errors: INVALID_ARG (names the
     * field), CONFLICT (a rule broken or the day full: the message says which pass and rule),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER.
     */
    public Order checkoutPasses(Cart cart) {
        require(cart, "cart");
        String[][] a = cartArrays(cart);
        long h = enter();
        try {
            return Native.checkoutPasses(h, cart.buildingId, a[0], a[1], a[2]);
        } finally {
            exit();
        }
    }

    /**
     * A Razorpay order for an {@link InvoiceStatus#ISSUED} or {@link InvoiceStatus#OVERDUE}
     * invoice; then {@link #confirmInvoicePayment}. Online (blocks). Errors: INVALID_ARG
     * ({@code invoice_id}), NOT_FOUND, STATE (paid, void or draft: server code
     * {@code "not_payable"}; the present core reports it as CONFLICT, so test the server code),
     * UNAUTHORIZED, OFFLINE, NETWORK, SERVER.
     */
    public Order payInvoice(String invoiceId) {
        long h = enter();
        try {
            return Native.payInvoice(h, invoiceId);
        } finally {
            exit();
        }
    }

    /**
     * Confirm an invoice's payment with what Razorpay checkout returned
     * ({@code razorpay_payment_id}, {@code razorpay_signature}); only the server's signature
     * check confirms it, and confirming twice is harmless. The local store is synced before it
     * returns: the invoice paid, a checkout's passes {@link PassStatus#ACTIVE} with their
     * credentials in {@link #credentials()}. Online (blocks). Errors: INVALID_ARG (a missing
     * field, named; or a room booking's order: use {@link #confirmPayment}), PAYMENT_FAILED
     * (signature refused), CONFLICT (the hold lapsed), NOT_FOUND, UNAUTHORIZED, OFFLINE,
     * NETWORK, SERVER.
     */
    public void confirmInvoicePayment(String orderId, String paymentId, String signature) {
        long h = enter();
        try {
            Native.confirmInvoicePayment(h, orderId, paymentId, signature);
        } finally {
            exit();
        }
    }

    /** The member's day passes (theirs and their guests'), by date. Local only. */
    public List<Pass> passes() {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.passes(h)));
        } finally {
            exit();
        }
    }

    /**
     * The billing history, newest first (a company member: the company's invoices). Local
     * only. Errors: UNAUTHORIZED, STORAGE.
     */
    public List<Invoice> invoices() {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.invoices(h)));
        } finally {
            exit();
        }
    }

    /**
     * The member's membership ({@code "none"} for an on-demand user, never null). Local only.
     * Errors: UNAUTHORIZED, STORAGE.
     */
    public Membership membership() {
        long h = enter();
        try {
            return Native.membership(h);
        } finally {
            exit();
        }
    }

    // ---- access credentials and QR codes ----------------------------------------------------

    /**
     * The member's access credentials not yet expired at the client's clock, soonest valid
     * first. Local only (works offline). Errors: UNAUTHORIZED, STORAGE.
     */
    public List<Credential> credentials() {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.credentials(h)));
        } finally {
            exit();
        }
    }

    /**
     * The rotating door code of a credential at the client's clock, made offline from the
     * secret synced with it, and when to redraw it. Show it with {@link #qrBitmap}; a
     * screenshot is useless a minute later. Errors: INVALID_ARG ({@code credential_id}),
     * NOT_FOUND (not on this device: sync), STATE (outside its validity: the message says "not
     * valid yet" or "expired", with the instant), UNAUTHORIZED, STORAGE.
     */
    public CredentialPayload credentialPayload(String credentialId) {
        long h = enter();
        try {
            return Native.credentialPayload(h, credentialId);
        } finally {
            exit();
        }
    }

    /**
     * Encode text (UTF-8, byte mode) as a QR code at error-correction level M, as modules to
     * draw with native primitives. Pure, any thread. Errors: INVALID_ARG ({@code text} null,
     * empty or too long for a QR code).
     */
    public static QrCode qrEncode(String text) {
        return Native.qrEncode(text);
    }

    /**
     * Encode text as a QR code (level M) and draw it {@code scale} pixels per module (1-64) with
     * the white quiet zone: {@code (modules + 8) * scale} pixels a side, one byte array. Pure,
     * any thread. Errors: INVALID_ARG ({@code text} as {@link #qrEncode}, or {@code scale}).
     */
    public static QrBitmap qrBitmap(String text, int scale) {
        return Native.qrBitmap(text, scale);
    }

    // ---- buildings ---------------------------------------------------------------------------

    /**
     * The operator's buildings as last synced, by id: zone, opening hours, booking window,
     * open-space capacity, day-pass price and bundle tiers. Local only (works offline; sync to
     * refresh). Errors: UNAUTHORIZED, STORAGE.
     */
    public List<Building> buildings() {
        long h = enter();
        try {
            return Collections.unmodifiableList(Arrays.asList(Native.buildings(h)));
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
