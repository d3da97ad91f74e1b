package org.membercore;

import java.util.Arrays;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A QR code as modules, to draw with the platform's own primitives ({@code mc_qr},
 * {@link Access#qrEncode}): {@code width x width} modules, row-major, without the quiet zone
 * (leave 4 light modules all round when drawing). For a ready image use
 * {@link Access#qrBitmap}.
 */
public final class QrCode {
    private final int version;
    private final int width;
    private final byte[] modules;

    QrCode(int version, int width, byte[] modules) {
        this.version = version;
        this.width = width;
        this.modules = modules;
    }

    /** 1-40 ({@code width = 17 + 4 * version}); the core's door payloads give 1-4. */
    public int getVersion() {
        return version;
    }

    /** Modules per side, without the quiet zone. */
    public int getWidth() {
        return width;
    }

    /** Is the module at column x, row y (0-based, from the top left) dark? */
    public boolean isDark(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= width) {
            throw new IndexOutOfBoundsException("module (" + x + ", " + y + ") of a " + width
                    + "x" + width + " code");
        }
        return modules[y * width + x] != 0;
    }

    /**
     * The {@code width * width} modules, row-major, 1 = dark, 0 = light. The array itself, not a
     * copy (no copy on each call): do not modify it.
     */
    public @NotNull byte[] getModules() {
        return modules;
    }

    @Override
    public @NotNull String toString() {
        return "QrCode{version " + version + ", " + width + "x" + width + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QrCode)) {
            return false;
        }
        QrCode other = (QrCode) o;
        return version == other.version && width == other.width
                && Arrays.equals(modules, other.modules);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(version, width);
        h = 31 * h + Arrays.hashCode(modules);
        return h;
    }
}
