package org.membercore;

import java.util.Collections;
import java.util.List;

import org.jetbrains.annotations.NotNull;

/**
 * Facility tickets ({@code membercore/tickets.h}): {@code core.tickets()}. The synced category
 * tree, filing a ticket (offline too, with up to 5 photos), the member's tickets and their
 * timelines, comments, resolve and reopen.
 *
 * <p>Any thread. Nothing here blocks on the network: writes are recorded and queued at once
 * and sent by {@link Sync} exactly once (a refusal arrives as a
 * {@link SyncEventType#MUTATION_REJECTED} event); a photo's bytes upload after the write that
 * declares it reached the server, resumably, reported by {@link SyncEventType#UPLOAD_PROGRESS}
 * (and {@link SyncEventType#UPLOAD_FAILED}). Reads answer from the local store. The SLA
 * instants are the server's; {@link Ticket#getSla()} is the core's badge. Every method throws
 * {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Tickets {
    /** Characters of a description or comment, at most. */
    public static final int TEXT_MAX_CHARS = 2000;
    /** Photos on one ticket or one comment, at most. */
    public static final int PHOTOS_MAX = 5;
    /** Bytes of one photo, at most (10 MiB). */
    public static final long PHOTO_MAX_BYTES = 10485760L;
    /** Days after resolution the member may reopen; a resolved ticket closes after them. */
    public static final int REOPEN_DAYS = 7;

    private final MemberCore core;

    Tickets(MemberCore core) {
        this.core = core;
    }

    /**
     * The category tree as last synced, in tree order: each top level (by position) followed by
     * its leaves. Empty before the first sync. Local only. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull List<TicketCategory> categories() {
        return MemberCore.listOf(core.call(Native::ticketCategories));
    }

    /**
     * The leaf named by its id ({@code "cleaning.washroom"}) or its path
     * ({@code "Cleaning/Washroom"}, also {@code "Cleaning → Washroom"}; case-insensitive). Local
     * only. Errors: NOT_FOUND (no such category, or a top level: the message names it and the
     * leaves under it), INVALID_ARG ({@code name} null), UNAUTHORIZED, STORAGE.
     */
    public @NotNull TicketCategory findCategory(final @NotNull String name) {
        MemberCore.require(name, "name");
        return core.call(h -> Native.ticketCategoryFind(h, name));
    }

    /**
     * File a ticket: checked, saved and queued at once (offline too); the ticket shows as pending
     * until the server has it, then its photos upload. Returns the new ticket's id
     * ({@code "tkt_..."}); nothing is kept when a check fails. Errors: INVALID_ARG with a message
     * naming what was wrong (an empty or over-long description, a sixth photo, a file that is not
     * a JPEG or PNG, one over 10 MiB, an unreadable file named by its path, a bad location; or a
     * null argument or photo path); NOT_FOUND (no such category leaf, building or room on this
     * device); UNAUTHORIZED; STORAGE.
     */
    public @NotNull String file(final @NotNull TicketDraft draft) {
        MemberCore.require(draft, "draft");
        MemberCore.require(draft.categoryId, "categoryId");
        MemberCore.require(draft.priority, "priority");
        MemberCore.require(draft.description, "description");
        if (draft.priority == TicketPriority.UNKNOWN) {
            throw new MemberCoreException(ErrorCode.INVALID_ARG, "priority is UNKNOWN");
        }
        final String[] photos = paths(draft.photoPaths);
        return core.call(h -> Native.ticketFile(h, draft.categoryId, draft.priority.value(),
                draft.description, draft.buildingId, draft.locationKind.value(),
                draft.locationId, draft.locationName, photos));
    }

    /**
     * One page of the member's tickets: active ones first (open, assigned, in progress), then
     * resolved, then closed; newest first within each. Items carry no timeline or photos. Local
     * only. Errors: INVALID_ARG ({@code page} null, or its cursor not one this list returned),
     * UNAUTHORIZED, STORAGE.
     */
    public @NotNull ListPage<Ticket> list(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.ticketsPage(h, page.getLimit(), page.getCursor()));
    }

    /**
     * One ticket with its timeline (oldest first) and photos, by id or by number
     * ({@code "T-1001"}). Local only. Errors: NOT_FOUND (not one of the member's tickets on this
     * device), INVALID_ARG, UNAUTHORIZED, STORAGE.
     */
    public @NotNull Ticket get(final @NotNull String idOrNumber) {
        MemberCore.require(idOrNumber, "idOrNumber");
        return core.call(h -> Native.ticketGet(h, idOrNumber));
    }

    /** {@link #comment(String, String, List)} without photos. */
    public void comment(@NotNull String idOrNumber, @NotNull String text) {
        comment(idOrNumber, text, Collections.<String>emptyList());
    }

    /**
     * Comment on a ticket (id or number) with up to 5 photos (checked and copied as for
     * {@link #file}): recorded and queued at once. Errors: INVALID_ARG (text, photos, as for
     * filing), NOT_FOUND, STATE (the ticket is closed: the message says so), UNAUTHORIZED,
     * STORAGE.
     */
    public void comment(final @NotNull String idOrNumber, final @NotNull String text,
            @NotNull List<String> photoPaths) {
        MemberCore.require(idOrNumber, "idOrNumber");
        MemberCore.require(text, "text");
        MemberCore.require(photoPaths, "photoPaths");
        final String[] photos = paths(photoPaths);
        core.run(h -> Native.ticketComment(h, idOrNumber, text, photos));
    }

    /**
     * Mark a ticket resolved from the member's side (open, assigned or in progress): recorded
     * and queued at once. Errors: STATE (already resolved or closed), NOT_FOUND, INVALID_ARG,
     * UNAUTHORIZED, STORAGE.
     */
    public void resolve(final @NotNull String idOrNumber) {
        MemberCore.require(idOrNumber, "idOrNumber");
        core.run(h -> Native.ticketResolve(h, idOrNumber));
    }

    /**
     * Reopen a resolved ticket within {@link #REOPEN_DAYS} days of its resolution: recorded and
     * queued at once. Errors: STATE (not resolved; closed; or the 7 days have passed: the message
     * gives the date it ended, in the building's time), NOT_FOUND, INVALID_ARG, UNAUTHORIZED,
     * STORAGE.
     */
    public void reopen(final @NotNull String idOrNumber) {
        MemberCore.require(idOrNumber, "idOrNumber");
        core.run(h -> Native.ticketReopen(h, idOrNumber));
    }

    /* The photo paths as the glue takes them; a null one is refused here, named. */
    private static String[] paths(List<String> photoPaths) {
        String[] a = photoPaths.toArray(new String[0]);
        for (int i = 0; i < a.length; i++) {
            MemberCore.require(a[i], "photoPaths[" + i + "]");
        }
        return a;
    }
}
