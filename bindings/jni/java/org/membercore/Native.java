package org.membercore;

/**
 * The native methods, registered by JNI_OnLoad (RegisterNatives) from libmembercore_jni. A
 * {@code long h} is the glue's client pointer, valid from open until free: a call after close
 * fails with {@link ErrorCode#STATE} (the core guards the handle), and {@link HandleCleaner}
 * frees it only once its {@link MemberCore} is unreachable. Failures throw
 * {@link MemberCoreException}.
 */
final class Native {
    static {
        System.loadLibrary("membercore_jni");
    }

    private Native() {
    }

    /* clock: null for the system's; transport: null for the built-in one; the glue holds them
     * (and storage, logger) until close. */
    static native long open(String dataDir, String serverUrl, int connectTimeoutMs,
            int requestTimeoutMs, SecureStorage storage, Logger logger, Clock clock,
            String[] tlsPins, String tlsCaFile, TransportBridge transport);

    /* A Java transport's view of the C request and response (natives_transport.c), valid during
     * its send() only: up to len bytes of the body from offset into buf[off..] (mc_http_body_read;
     * -1 at the end), and the whole answer into the core's response. MemberCoreException. */
    static native int transportBodyRead(long request, long offset, byte[] buf, int off, int len);

    static native void transportRespond(long response, int status, String[] headerNames,
            String[] headerValues, byte[] body);

    /* Closes the client (waits for the calls in flight, stops the sync thread) and releases every
     * global reference it held; the handle stays valid, every later call fails with STATE. Not
     * from inside a call or callback of this client. */
    static native void close(long h);

    /* Closes the client if need be and frees the handle. Once, when no call can start any more. */
    static native void free(long h);

    static native String version();

    static native int storeSchemaVersion();

    static native String statusName(int status);

    /* The kinds of named state stateName knows (the C enum each stands for). */
    static final int BOOKING_STATE = 0;    /* mc_booking_status */
    static final int PASS_STATE = 1;       /* mc_pass_status */
    static final int INVOICE_STATE = 2;    /* mc_invoice_status */
    static final int MEMBERSHIP_STATE = 3; /* mc_membership_status */
    static final int CREDENTIAL_KIND = 4;  /* mc_credential_kind */
    static final int RULE = 5;             /* mc_rule */

    /* The core's name of value (mc_*_name): "unknown" for a value it does not know. */
    static native String stateName(int kind, int value);

    static String ruleName(int rule) {
        return stateName(RULE, rule);
    }

    static native String defaultDataDir();

    static native long now(long h);

    static native String normalizePhone(String input);

    static native void storeRemove(String dataDir);

    static native OtpRequest requestOtp(long h, String phone);

    /* null when no sign-in is in progress */
    static native String pendingPhone(long h);

    static native VerifyResult verifyOtp(long h, String code);

    static native Account completeProfile(long h, String name, String email, String company,
            String city);

    static native Account setIntent(long h, int intent, String industry, int employees,
            String timeline, long budgetMinor, String budgetCurrency);

    static native boolean isSignedIn(long h);

    static native Account account(long h);

    static native Account refreshAccount(long h);

    static native void logout(long h);

    static native void registerPushToken(long h, int provider, String token);

    static native void unregisterPushToken(long h);

    static native SyncStatus syncStatus(long h);

    static native SyncReport syncOnce(long h);

    static native void syncStart(long h);

    static native void syncStop(long h);

    static native void syncTrigger(long h);

    static native void syncPause(long h);

    static native void syncResume(long h);

    static native void syncSetReachable(long h, boolean reachable);

    /* Returns the core's token; the glue holds registration by a global reference. */
    static native long addListener(long h, int types, int delivery,
            ListenerRegistration registration);

    static native void removeListener(long h, long token);

    static native int deliverQueued(long h);

    /* null removes it */
    static native void setWakeup(long h, Runnable wakeup);

    static native Mutation[] outbox(long h);

    static native void dismissMutation(long h, long mutationId);

    static native Event[] events(long h, long fromMs);

    /* Paged reads take a Page as (limit, cursor): the limit as given, the cursor null for the
     * first page; their answers carry the next cursor (null at the end). */
    static native ListPage<Event> eventsPage(long h, long fromMs, int limit, String cursor);

    static native void rsvp(long h, String eventId, int rsvp);

    static native NotificationInbox notifications(long h, boolean unreadOnly);

    static native NotificationInbox notificationsPage(long h, boolean unreadOnly, int limit,
            String cursor);

    static native void markNotificationRead(long h, String notificationId);

    /* Meeting rooms (natives_booking.c). amenities may hold nulls (refused by the core). */
    static native RoomSearch searchRooms(long h, String buildingId, String date, String from,
            String to, int minCapacity, String[] amenities);

    /* The guests as two parallel arrays of the same length; pay is Payment.value() or 0. */
    static native Booking createBooking(long h, String roomId, String date, String start,
            int hours, String[] guestNames, String[] guestEmails, int pay);

    static native Booking confirmPayment(long h, String bookingId, String orderId,
            String paymentId, String signature);

    static native Booking cancelBooking(long h, String bookingId);

    static native Booking[] bookings(long h, long fromMs);

    static native ListPage<Booking> bookingsPage(long h, long fromMs, int limit, String cursor);

    static native Credits credits(long h);

    static native Credits creditsPage(long h, int limit, String cursor);


    /*
     * Day passes, invoices, membership (natives_billing.c). A cart crosses as three parallel
     * arrays of one length: dates, guest names and guest emails (null name and email for the
     * buyer's own pass); any of them may hold nulls (the core refuses what it must).
     */
    static native Quote quotePasses(long h, String buildingId, String[] dates,
            String[] guestNames, String[] guestEmails);

    static native Order checkoutPasses(long h, String buildingId, String[] dates,
            String[] guestNames, String[] guestEmails);

    static native Order payInvoice(long h, String invoiceId);

    static native InvoicePayment confirmInvoicePayment(long h, String orderId, String paymentId,
            String signature);

    static native Pass[] passes(long h);

    static native ListPage<Pass> passesPage(long h, int limit, String cursor);

    static native Invoice[] invoices(long h);

    static native ListPage<Invoice> invoicesPage(long h, int limit, String cursor);

    static native Membership membership(long h);

    /* Access credentials and QR codes (natives_access.c); the QR calls are pure. */
    static native Credential[] credentials(long h);

    static native ListPage<Credential> credentialsPage(long h, int limit, String cursor);

    static native CredentialPayload credentialPayload(long h, String credentialId);

    static native QrCode qrEncode(String text);

    static native QrBitmap qrBitmap(String text, int scale);

    /* Facility tickets (natives_tickets.c). */

    /* The kinds of named state ticketStateName knows (the C enum each stands for). */
    static final int TICKET_PRIORITY = 0;      /* mc_ticket_priority */
    static final int TICKET_STATUS = 1;        /* mc_ticket_status */
    static final int SLA_STATE = 2;            /* mc_sla_state */
    static final int TICKET_LOCATION_KIND = 3; /* mc_ticket_location_kind */
    static final int TICKET_ENTRY_TYPE = 4;    /* mc_ticket_entry_type */

    /* The core's name of value (mc_*_name): "unknown" for a value it does not know. */
    static native String ticketStateName(int kind, int value);

    /* mc_ticket_priority_parse: the C value. */
    static native int ticketPriorityParse(String name);

    static native TicketCategory[] ticketCategories(long h);

    static native TicketCategory ticketCategoryFind(long h, String name);

    /* The draft's fields; photoPaths holds no null (Tickets checks). Returns the new id. */
    static native String ticketFile(long h, String categoryId, int priority, String description,
            String buildingId, int locationKind, String locationId, String locationName,
            String[] photoPaths);

    static native ListPage<Ticket> ticketsPage(long h, int limit, String cursor);

    static native Ticket ticketGet(long h, String idOrNumber);

    static native void ticketComment(long h, String idOrNumber, String text,
            String[] photoPaths);

    static native void ticketResolve(long h, String idOrNumber);

    static native void ticketReopen(long h, String idOrNumber);

    /* The staff's queue (natives_staff.c); each call but the two pure ones is one request. */
    static native String staffQueueName(int queue);

    /* mc_staff_queue_parse: the C value. */
    static native int staffQueueParse(String name);

    static native StaffTicket[] staffTickets(long h, int queue);

    static native StaffTicket staffTicketGet(long h, String idOrNumber);

    static native StaffColleague[] staffColleagues(long h);

    /* assigneeId null: the caller. */
    static native StaffTicket staffTicketAssign(long h, String idOrNumber, String assigneeId);

    static native StaffTicket staffTicketSetStatus(long h, String idOrNumber, int status);

    static native StaffTicket staffTicketComment(long h, String idOrNumber, String text,
            boolean internal);

    /* Visitors (natives_visitors.c): the member's side is local; reception is online. phone,
     * buildingId, email may be null; window -1, -1: none. Invites return the new id. */
    static native String visitorInvite(long h, String name, String email, String phone,
            String buildingId, String date, int windowFromMin, int windowToMin);

    static native String visitorInviteAgain(long h, String visitorId, String date,
            int windowFromMin, int windowToMin);

    static native Visitor[] visitors(long h, boolean upcomingOnly);

    static native Visitor visitorGet(long h, String visitorId);

    static native void visitorCancel(long h, String visitorId);

    static native void visitorDecide(long h, String visitorId, boolean approve);

    static native String visitorStatusName(int status);

    /* date null: today in the staff's building. */
    static native Visitor[] receptionVisitors(long h, String date);

    static native Visitor receptionCheckin(long h, String idOrCode);

    static native Visitor receptionWalkIn(long h, String hostPhone, String name, String email,
            String phone);

    /* The notifications hub (natives_notifications.c); the name and parse calls are pure. */
    static native NotificationPrefs notificationPrefs(long h);

    static native void notificationPrefSet(long h, int category, int channel, boolean on);

    static native void notificationQuietHoursSet(long h, boolean enabled, int fromMin,
            int toMin);

    /* category -1: every category. Returns how many were unread. */
    static native int notificationsMarkAllRead(long h, int category);

    static native long notificationsPrune(long h, int olderThanDays);

    static native LinkTarget linkParse(String link);

    static native String channelName(int channel);

    static native int channelParse(String name);

    static native int notificationCategoryParse(String name);

    static native String notificationCategoryName(int category);

    static native String linkKindName(int kind);

    /* Hot desks (natives_desks.c): search, cancel and the lists are local; book with RAZORPAY
     * and confirmPayment are online. features may hold nulls (refused by the glue, named). */
    static final int DESK_BOOKING_STATE = 0; /* mc_desk_booking_status */
    static final int DESK_PAYMENT = 1;       /* mc_desk_payment */

    /* The core's name of value (mc_desk_*_name): "unknown" for a value it does not know. */
    static native String deskStateName(int kind, int value);

    static native DeskSearch desksSearch(long h, String buildingId, String date, String area,
            String[] features);

    static native DeskBooking deskBook(long h, String deskId, String date, int pay);

    static native DeskBooking deskConfirmPayment(long h, String bookingId, String orderId,
            String paymentId, String signature);

    static native DeskBooking deskCancel(long h, String bookingId);

    /* fromDate null: all. */
    static native DeskBooking[] deskBookings(long h, String fromDate);

    static native ListPage<DeskBooking> deskBookingsPage(long h, String fromDate, int limit,
            String cursor);

    /* null when the member has no dedicated desk. */
    static native Desk deskMine(long h);

    /* Announcements (natives_announcements.c), local. */
    static native AnnouncementList announcements(long h);

    static native AnnouncementList announcementsPage(long h, int limit, String cursor);

    static native void announcementMarkRead(long h, String announcementId);

    /* Offers (natives_offers.c): the list is local, redeem online. */
    static native Offer[] offers(long h);

    static native Offer offerRedeem(long h, String offerId);

    /* The iCalendar export (natives_calendar.c), local; 0: no bound. */
    static native String calendarExport(long h, long fromMs, long toMs);

    /* Today (natives_today.c), local; the name and affected calls are pure. */
    static native Today today(long h);

    static native String todayEntryKindName(int kind);

    /* mc_today_affected over a Today's depends_on bits. */
    static native boolean todayAffected(int dependsOn, int changedKinds);

    /* The synced buildings (natives_catalog.c). */
    static native Building[] buildings(long h);

    /* Debug counter: global references the glue holds now. */
    static native long globalRefCount();

    /* Test hooks for the string conversion (Java -> UTF-8 bytes -> Java). */
    static native byte[] toUtf8(String s);

    static native String fromUtf8(byte[] utf8);
}
