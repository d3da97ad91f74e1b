package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Test;

/**
 * QR codes (pure: no client, no stub): modules as the core encodes them, and the one-array
 * bitmap drawn from them with its white quiet zone. The door codes themselves are in
 * {@link PassesTest}.
 */
public class AccessTest {
    /** A holder payload of the longest form the core makes (62 bytes). */
    private static final String PAYLOAD =
            "MC1|crd_0123456789abcdef0123456789abcd|99999999999|12345678";

    /**
     * bitmap is qr drawn at scale: (width + 8) * scale pixels a side, white (255) in the 4-module
     * quiet zone, and each module a scale x scale block of black (0) or white.
     */
    static void assertDrawn(QrCode qr, QrBitmap bitmap, int scale) {
        int w = qr.getWidth();
        int side = (w + 8) * scale;
        assertEquals(bitmap.toString(), side, bitmap.getWidth());
        assertEquals(side, bitmap.getHeight());
        assertEquals(side * side, bitmap.getPixels().length);
        int quiet = 4 * scale;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int expected;
                if (x < quiet || y < quiet || x >= quiet + w * scale || y >= quiet + w * scale) {
                    expected = 255;
                } else {
                    expected = qr.isDark((x - quiet) / scale, (y - quiet) / scale) ? 0 : 255;
                }
                if (bitmap.getPixel(x, y) != expected) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") of " + bitmap + " is "
                            + bitmap.getPixel(x, y) + ", not " + expected);
                }
            }
        }
    }

    @Test
    public void encodeGivesSquareModulesWithFinderPatterns() {
        QrCode qr = Access.qrEncode(PAYLOAD);
        assertTrue(qr.toString(), qr.getVersion() >= 1 && qr.getVersion() <= 4);
        assertEquals(17 + 4 * qr.getVersion(), qr.getWidth());
        byte[] m = qr.getModules();
        assertEquals(qr.getWidth() * qr.getWidth(), m.length);
        for (byte b : m) {
            assertTrue(b == 0 || b == 1);
        }
        /* The three 7x7 finder patterns: dark ring, light ring, dark 3x3 centre. */
        int w = qr.getWidth();
        int[][] corners = {{0, 0}, {w - 7, 0}, {0, w - 7}};
        for (int[] c : corners) {
            for (int dy = 0; dy < 7; dy++) {
                for (int dx = 0; dx < 7; dx++) {
                    int ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
                    assertEquals("finder at " + Arrays.toString(c) + " (" + dx + ", " + dy + ")",
                            ring != 2, qr.isDark(c[0] + dx, c[1] + dy));
                }
            }
        }
        /* The separator beside the top-left finder is light. */
        for (int i = 0; i < 8; i++) {
            assertFalse(qr.isDark(7, i));
            assertFalse(qr.isDark(i, 7));
        }
        /* A short text needs a smaller code; the same text, the same code. */
        QrCode small = Access.qrEncode("MC1");
        assertEquals(1, small.getVersion());
        assertEquals(21, small.getWidth());
        assertTrue(Arrays.equals(m, Access.qrEncode(PAYLOAD).getModules()));
    }

    @Test
    public void bitmapIsTheModulesScaledWithAWhiteQuietZone() {
        QrCode qr = Access.qrEncode(PAYLOAD);
        for (int scale : new int[] {1, 3, 8}) {
            QrBitmap bitmap = Access.qrBitmap(PAYLOAD, scale);
            assertDrawn(qr, bitmap, scale);
        }
        /* The largest scale: one array of (width + 8)^2 * 64^2 bytes. */
        QrBitmap big = Access.qrBitmap(PAYLOAD, 64);
        assertEquals((qr.getWidth() + 8) * 64, big.getWidth());
        assertEquals(big.getWidth() * big.getHeight(), big.getPixels().length);
        /* ARGB for android.graphics.Bitmap: opaque black and white. */
        int[] argb = Access.qrBitmap("MC1", 1).toArgb();
        assertEquals(0xffffffff, argb[0]); /* the quiet zone */
        assertEquals(0xff000000, argb[4 * 29 + 4]); /* the top-left finder's corner */
    }

    /**
     * The text is encoded as its UTF-8 bytes (not JNI's modified UTF-8, which spends 6 bytes on a
     * character outside the BMP): version 1 at level M holds 14 bytes, version 2 more.
     */
    @Test
    public void textIsEncodedAsUtf8Bytes() {
        String clefs = "\ud834\udd1e\ud834\udd1e\ud834\udd1e"; /* 3 x U+1D11E: 12 bytes */
        assertEquals(1, Access.qrEncode(clefs + "ab").getVersion());
        assertEquals(2, Access.qrEncode(clefs + "abc").getVersion());
        assertEquals(1, Access.qrEncode("अनन्ab").getVersion()); /* 4 x 3 + 2 bytes */
        assertEquals(2, Access.qrEncode("अनन्या").getVersion()); /* 18 bytes */
        assertEquals(1, Access.qrEncode("abcdefghijklmn").getVersion());
        assertEquals(2, Access.qrEncode("abcdefghijklmno").getVersion());
    }

    @Test
    public void invalidInputsNameTheArgument() {
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "text", () -> Access.qrEncode(null));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "text", () -> Access.qrEncode(""));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "text",
                () -> Access.qrBitmap(null, 4));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "text",
                () -> Access.qrEncode("a\u0000b"));
        char[] long3000 = new char[3000];
        Arrays.fill(long3000, 'x');
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "too long",
                () -> Access.qrEncode(new String(long3000)));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "scale",
                () -> Access.qrBitmap(PAYLOAD, 0));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "scale",
                () -> Access.qrBitmap(PAYLOAD, 65));
        PassesTest.assertMessage(ErrorCode.INVALID_ARG, "scale",
                () -> Access.qrBitmap(PAYLOAD, -1));
    }
}
