package org.membercore;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * One event from the sync engine ({@code mc_sync_event}), a copy that may be kept. Fields that
 * do not apply to the type are 0 / {@code ""} / empty.
 */
public final class SyncEvent {
    private final SyncEventType type;
    private final Set<Kind> kinds;
    private final long mutationId;
    private final String mutationKind;
    private final String entityId;
    private final ErrorCode code;
    private final String serverCode;
    private final String message;
    private final long done;
    private final long total;
    private final Rule rule;
    private final String photoId;
    private final String ticketId;

    SyncEvent(int type, int kinds, long mutationId, String mutationKind, String entityId, int code,
            String serverCode, String message, long done, long total, int rule, String photoId,
            String ticketId) {
        this.rule = Rule.fromValue(rule);
        this.photoId = photoId;
        this.ticketId = ticketId;
        SyncEventType t = null;
        for (SyncEventType v : SyncEventType.values()) {
            if (v.bit() == type) {
                t = v;
            }
        }
        this.type = t;
        this.kinds = Collections.unmodifiableSet(Kind.fromBits(kinds));
        this.mutationId = mutationId;
        this.mutationKind = mutationKind;
        this.entityId = entityId;
        this.code = ErrorCode.fromValue(code);
        this.serverCode = serverCode;
        this.message = message;
        this.done = done;
        this.total = total;
    }

    /** MUTATION_REJECTED: the booking rule that refused it (taken, ...); {@link Rule#NONE}. */
    public @NotNull Rule getRule() {
        return rule;
    }

    /** The type; null only for a type newer than this binding. */
    public @Nullable SyncEventType getType() {
        return type;
    }

    /** DATA_CHANGED: what changed. */
    public @NotNull Set<Kind> getKinds() {
        return kinds;
    }

    /** MUTATION_REJECTED: the outbox entry. */
    public long getMutationId() {
        return mutationId;
    }

    /** MUTATION_REJECTED: {@code "rsvp.set"}, ... */
    public @NotNull String getMutationKind() {
        return mutationKind;
    }

    /** MUTATION_REJECTED: the event / notification id. */
    public @NotNull String getEntityId() {
        return entityId;
    }

    /** MUTATION_REJECTED, SESSION_EXPIRED, UPLOAD_FAILED: why ({@link ErrorCode#OK} otherwise). */
    public @NotNull ErrorCode getCode() {
        return code;
    }

    /**
     * MUTATION_REJECTED, UPLOAD_FAILED: the server's code, e.g. {@code "event_full"},
     * {@code "photo_corrupt"}.
     */
    public @NotNull String getServerCode() {
        return serverCode;
    }

    public @NotNull String getMessage() {
        return message;
    }

    /**
     * PROGRESS: changes applied in this snapshot. UPLOAD_PROGRESS: the photo's bytes the server
     * has confirmed.
     */
    public long getDone() {
        return done;
    }

    /**
     * PROGRESS: expected in all, or -1 if unknown. UPLOAD_PROGRESS: the photo's size in bytes;
     * {@code getDone() == getTotal()} is the last event of that photo.
     */
    public long getTotal() {
        return total;
    }

    /** UPLOAD_PROGRESS, UPLOAD_FAILED: the photo ({@code "pho_..."}); {@code ""} otherwise. */
    public @NotNull String getPhotoId() {
        return photoId;
    }

    /** UPLOAD_PROGRESS, UPLOAD_FAILED: the photo's ticket ({@code "tkt_..."}); {@code ""} otherwise. */
    public @NotNull String getTicketId() {
        return ticketId;
    }

    @Override
    public @NotNull String toString() {
        return "SyncEvent{" + type + (kinds.isEmpty() ? "" : " " + kinds)
                + (entityId.isEmpty() ? "" : " " + entityId)
                + (photoId.isEmpty() ? "" : " " + photoId + " " + done + "/" + total)
                + (code == ErrorCode.OK ? "" : " " + code + " " + serverCode) + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SyncEvent)) {
            return false;
        }
        SyncEvent other = (SyncEvent) o;
        return Objects.equals(type, other.type) && Objects.equals(kinds, other.kinds)
                && mutationId == other.mutationId
                && Objects.equals(mutationKind, other.mutationKind)
                && Objects.equals(entityId, other.entityId) && Objects.equals(code, other.code)
                && Objects.equals(serverCode, other.serverCode)
                && Objects.equals(message, other.message) && done == other.done
                && total == other.total && Objects.equals(rule, other.rule)
                && Objects.equals(photoId, other.photoId)
                && Objects.equals(ticketId, other.ticketId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, kinds, mutationId, mutationKind, entityId, code, serverCode,
                message, done, total, rule, photoId, ticketId);
    }
}
