package org.membercore;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * What a notification's deep link opens, parsed by the core ({@code mc_link_target},
 * {@link Notifications#parseLink}): the kind of item and its id, for an app to route on
 * ({@code membercore://visitors/vis_...} is {@link LinkKind#VISITOR} with that id). A web page
 * ({@link LinkKind#WEB}) has no id: open {@link #getUrl()}. Never {@link LinkKind#OTHER}: a link
 * the core does not understand is refused. A value: immutable, compared by its fields.
 */
public final class LinkTarget {
    private final LinkKind kind;
    private final String id;
    private final String url;

    /* Called by the JNI glue (natives_notifications.c: link_parse). */
    LinkTarget(int kind, String id, String url) {
        this.kind = LinkKind.fromValue(kind);
        this.id = id;
        this.url = url;
    }

    /** {@link LinkKind#NONE} for an empty link. */
    public @NotNull LinkKind getKind() {
        return kind;
    }

    /** The item's id or number; {@code ""} for {@link LinkKind#WEB} and {@link LinkKind#NONE}. */
    public @NotNull String getId() {
        return id;
    }

    /** {@link LinkKind#WEB}: the https page to open; {@code ""} otherwise. */
    public @NotNull String getUrl() {
        return url;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof LinkTarget)) {
            return false;
        }
        LinkTarget t = (LinkTarget) o;
        return kind == t.kind && id.equals(t.id) && url.equals(t.url);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + id.hashCode()) * 31 + url.hashCode();
    }

    @Override
    public @NotNull String toString() {
        return "LinkTarget{" + kind.kindName() + (id.isEmpty() ? "" : " " + id)
                + (url.isEmpty() ? "" : " " + url) + "}";
    }
}
