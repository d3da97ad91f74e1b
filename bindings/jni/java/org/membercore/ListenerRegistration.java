package org.membercore;

/* One registered listener: the object the glue holds by a global reference and calls. */
final class ListenerRegistration implements ListenerHandle {
    private final MemberCore core;
    private final SyncListener listener;
    private final Delivery delivery;
    private volatile boolean removed;
    volatile long token;

    ListenerRegistration(MemberCore core, SyncListener listener, Delivery delivery) {
        this.core = core;
        this.listener = listener;
        this.delivery = delivery;
    }

    /* True the first time only. */
    synchronized boolean markRemoved() {
        if (removed) {
            return false;
        }
        removed = true;
        return true;
    }

    @Override
    public void remove() {
        core.removeListener(this);
    }

    @Override
    public void close() {
        remove();
    }

    /* Called by the glue on the delivering thread, with the fields of mc_sync_event. */
    void dispatch(int type, int kinds, long mutationId, String mutationKind, String entityId,
            int code, String serverCode, String message, long done, long total, int rule,
            String photoId, String ticketId) {
        if (removed || core.isClosed()) {
            return; /* nothing is delivered once close() has begun */
        }
        SyncEvent event = new SyncEvent(type, kinds, mutationId, mutationKind, entityId, code,
                serverCode, message, done, total, rule, photoId, ticketId);
        boolean immediate = delivery == Delivery.IMMEDIATE;
        core.enterCallback(immediate);
        try {
            listener.onSyncEvent(event);
        } catch (Throwable t) {
            core.callbackFailed("SyncListener " + listener, t);
        } finally {
            core.exitCallback(immediate);
        }
    }
}
