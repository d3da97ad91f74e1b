package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/** One outbox entry: a local write not yet confirmed, or refused ({@code mc_mutation}). */
public final class Mutation {
    private final long id;
    private final String kind;
    private final String entityId;
    private final String payload;
    private final MutationState state;
    private final int attempts;
    private final long createdAtMs;
    private final long nextAttemptMs;
    private final ErrorCode errorCode;
    private final String errorServerCode;
    private final String errorMessage;
    private final Rule errorRule;

    Mutation(long id, String kind, String entityId, String payload, int state, int attempts,
            long createdAtMs, long nextAttemptMs, int errorCode, String errorServerCode,
            String errorMessage, int errorRule) {
        this.errorRule = Rule.fromValue(errorRule);
        this.id = id;
        this.kind = kind;
        this.entityId = entityId;
        this.payload = payload;
        this.state = MutationState.fromValue(state);
        this.attempts = attempts;
        this.createdAtMs = createdAtMs;
        this.nextAttemptMs = nextAttemptMs;
        this.errorCode = ErrorCode.fromValue(errorCode);
        this.errorServerCode = errorServerCode;
        this.errorMessage = errorMessage;
    }

    /** REJECTED: the booking rule that refused it (taken, ...); {@link Rule#NONE} otherwise. */
    public @NotNull Rule getErrorRule() {
        return errorRule;
    }

    /** The mutation id (for {@link Sync#dismissMutation(long)}). */
    public long getId() {
        return id;
    }

    /** {@code "rsvp.set"}, {@code "notification.read"}, ... */
    public @NotNull String getKind() {
        return kind;
    }

    public @NotNull String getEntityId() {
        return entityId;
    }

    /** The JSON sent. */
    public @NotNull String getPayload() {
        return payload;
    }

    public @NotNull MutationState getState() {
        return state;
    }

    public int getAttempts() {
        return attempts;
    }

    public long getCreatedAtMs() {
        return createdAtMs;
    }

    public long getNextAttemptMs() {
        return nextAttemptMs;
    }

    /** REJECTED: why; otherwise the last transient error, or {@link ErrorCode#OK}. */
    public @NotNull ErrorCode getErrorCode() {
        return errorCode;
    }

    public @NotNull String getErrorServerCode() {
        return errorServerCode;
    }

    public @NotNull String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public @NotNull String toString() {
        return "Mutation{" + id + " " + kind + " " + entityId + " " + state + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Mutation)) {
            return false;
        }
        Mutation other = (Mutation) o;
        return id == other.id && Objects.equals(kind, other.kind)
                && Objects.equals(entityId, other.entityId)
                && Objects.equals(payload, other.payload) && Objects.equals(state, other.state)
                && attempts == other.attempts && createdAtMs == other.createdAtMs
                && nextAttemptMs == other.nextAttemptMs
                && Objects.equals(errorCode, other.errorCode)
                && Objects.equals(errorServerCode, other.errorServerCode)
                && Objects.equals(errorMessage, other.errorMessage)
                && Objects.equals(errorRule, other.errorRule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, entityId, payload, state, attempts, createdAtMs,
                nextAttemptMs, errorCode, errorServerCode, errorMessage, errorRule);
    }
}
