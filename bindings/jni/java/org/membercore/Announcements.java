package org.membercore;

import org.jetbrains.annotations.NotNull;

/**
 * The operator's announcements ({@code membercore/announcements.h}): {@code core.announcements()}.
 * Listed from the local store (expired ones left out by the client's clock); marking one read is
 * recorded at once and queued, like a notification.
 *
 * <p>Any thread; nothing here blocks on the network. Every method throws
 * {@link IllegalStateException} once the {@link MemberCore} is closed.
 */
public final class Announcements {
    private final MemberCore core;

    Announcements(MemberCore core) {
        this.core = core;
    }

    /**
     * The live announcements of the member's building and the operator-wide ones, pinned first
     * then newest first: the whole list. Errors: UNAUTHORIZED, STORAGE.
     */
    public @NotNull AnnouncementList list() {
        return core.call(Native::announcements);
    }

    /** One page of {@link #list()}: screens use this one. Errors: as list, INVALID_ARG. */
    public @NotNull AnnouncementList list(final @NotNull Page page) {
        MemberCore.require(page, "page");
        return core.call(h -> Native.announcementsPage(h, page.getLimit(), page.getCursor()));
    }

    /**
     * Mark one read: at once locally (pending) and queued ({@code announcement.read}); a read one
     * again queues nothing. Errors: INVALID_ARG, NOT_FOUND, UNAUTHORIZED, STORAGE.
     */
    public void markRead(final @NotNull String announcementId) {
        core.run(h -> Native.announcementMarkRead(h, announcementId));
    }
}
