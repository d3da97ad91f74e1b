package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A photo of a ticket or of one of its comments ({@code mc_ticket_photo}): declared with the
 * write that carried it, its bytes uploaded by sync afterwards. Immutable snapshot.
 */
public final class TicketPhoto {
    private final String id;
    private final String commentId;
    private final String contentType;
    private final long bytes;
    private final boolean uploaded;
    private final long sentBytes;
    private final String localPath;
    private final boolean failed;
    private final String failure;

    /* Called by the JNI glue. */
    TicketPhoto(String id, String commentId, String contentType, long bytes, boolean uploaded,
            long sentBytes, String localPath, boolean failed, String failure) {
        this.id = id;
        this.commentId = commentId;
        this.contentType = contentType;
        this.bytes = bytes;
        this.uploaded = uploaded;
        this.sentBytes = sentBytes;
        this.localPath = localPath;
        this.failed = failed;
        this.failure = failure;
    }

    /** {@code "pho_"} and 32 hex digits. */
    public @NotNull String getId() {
        return id;
    }

    /** The comment it came with; {@code ""} for the ticket's own photos. */
    public @NotNull String getCommentId() {
        return commentId;
    }

    /** {@code "image/jpeg"} or {@code "image/png"} (from the file's bytes). */
    public @NotNull String getContentType() {
        return contentType;
    }

    public long getBytes() {
        return bytes;
    }

    /** Whether the server has all of it. */
    public boolean isUploaded() {
        return uploaded;
    }

    /** Bytes the server has confirmed so far ({@link #getBytes()} once uploaded). */
    public long getSentBytes() {
        return sentBytes;
    }

    /** The library's own copy on this device until uploaded; {@code ""} after (and once failed). */
    public @NotNull String getLocalPath() {
        return localPath;
    }

    /**
     * Not uploaded and never will be: the server refused it for good (sync reported it once as
     * {@code UPLOAD_FAILED}). Neither uploaded nor waiting.
     */
    public boolean isFailed() {
        return failed;
    }

    /** Why it failed, in words; {@code ""} unless {@link #isFailed()}. */
    public @NotNull String getFailure() {
        return failure;
    }

    @Override
    public @NotNull String toString() {
        return "TicketPhoto{" + id + " " + contentType + " " + sentBytes + "/" + bytes
                + (uploaded ? " uploaded" : "") + (failed ? " failed: " + failure : "") + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TicketPhoto)) {
            return false;
        }
        TicketPhoto other = (TicketPhoto) o;
        return Objects.equals(id, other.id) && Objects.equals(commentId, other.commentId)
                && Objects.equals(contentType, other.contentType) && bytes == other.bytes
                && uploaded == other.uploaded && sentBytes == other.sentBytes
                && Objects.equals(localPath, other.localPath) && failed == other.failed
                && Objects.equals(failure, other.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, commentId, contentType, bytes, uploaded, sentBytes, localPath,
                failed, failure);
    }
}
