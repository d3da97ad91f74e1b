package org.membercore;

import java.util.Arrays;
import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * A QR code drawn as an 8-bit grayscale image ({@code mc_bitmap}, {@link Access#qrBitmap}):
 * {@code scale} pixels per module with the 4-module white quiet zone all round, so
 * {@code (modules + 8) * scale} pixels a side. It crossed JNI as one byte array.
 *
 * <p>Android has no 8-bit grayscale {@code Bitmap.Config}: draw it with
 * {@code Bitmap.createBitmap(qr.toArgb(), qr.getWidth(), qr.getHeight(), Bitmap.Config.ARGB_8888)}
 * and scale it up with filtering off, so the modules stay sharp. (Named {@code QrBitmap}, not
 * {@code Bitmap}, so that it and {@code android.graphics.Bitmap} can be used in one file.)
 */
public final class QrBitmap {
    private final int width;
    private final int height;
    private final byte[] pixels;

    QrBitmap(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Pixels per row. */
    public int getWidth() {
        return width;
    }

    /** Rows (the same as the width: QR codes are square). */
    public int getHeight() {
        return height;
    }

    /** The gray level at column x, row y: 0 = black to 255 = white. */
    public int getPixel(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") of " + width + "x"
                    + height);
        }
        return pixels[y * width + x] & 0xff;
    }

    /**
     * The {@code width * height} gray levels, row-major, no padding, 0 = black, 255 = white
     * (read them {@code & 0xff}: Java bytes are signed). The array itself, not a copy (no copy
     * on each call): do not modify it.
     */
    public @NotNull byte[] getPixels() {
        return pixels;
    }

    /** The pixels as opaque ARGB colours, for {@code android.graphics.Bitmap.createBitmap}. */
    public @NotNull int[] toArgb() {
        int[] argb = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int g = pixels[i] & 0xff;
            argb[i] = 0xff000000 | (g << 16) | (g << 8) | g;
        }
        return argb;
    }

    @Override
    public @NotNull String toString() {
        return "QrBitmap{" + width + "x" + height + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QrBitmap)) {
            return false;
        }
        QrBitmap other = (QrBitmap) o;
        return width == other.width && height == other.height
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(width, height);
        h = 31 * h + Arrays.hashCode(pixels);
        return h;
    }
}
