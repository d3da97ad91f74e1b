package org.membercore;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.Test;

/**
 * The glue's own UTF-8 <-> UTF-16 conversion (JNI's modified UTF-8 is never used): compared
 * with the JDK's standard UTF-8 codec.
 */
public class StringsTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    public void wellFormedTextMatchesTheJdk() {
        String[] samples = {
            "", "ascii", "नमस्ते दुनिया", "आशा राव", "😀", "👩🏽‍💻 at 𝄞", "€ £ ¥", "a\u0000b",
            "\uFFFF\uFFFE", "\uD7FF\uE000", "\uDBFF\uDFFF", "\uD800\uDC00",
        };
        for (String s : samples) {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(s, expected, Native.toUtf8(s));
            assertEquals(s, Native.fromUtf8(expected));
        }
        /* Outside the BMP: 4 bytes, not modified UTF-8's 6 (two encoded surrogates). */
        assertArrayEquals(bytes(0xF0, 0x9F, 0x98, 0x80), Native.toUtf8("😀"));
        /* U+0000: one zero byte, not modified UTF-8's C0 80. */
        assertArrayEquals(bytes(0x61, 0x00, 0x62), Native.toUtf8("a\u0000b"));
    }

    @Test
    public void unpairedSurrogatesBecomeReplacementCharacters() {
        byte[] fffd = bytes(0xEF, 0xBF, 0xBD);
        assertArrayEquals(fffd, Native.toUtf8("\uD83D"));
        assertArrayEquals(fffd, Native.toUtf8("\uDE00"));
        assertArrayEquals(bytes(0x61, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0x62),
                Native.toUtf8("a\uDE00\uD83Db")); /* reversed pair */
        assertArrayEquals(bytes(0xEF, 0xBF, 0xBD, 0xF0, 0x9F, 0x98, 0x80),
                Native.toUtf8("\uD83D\uD83D\uDE00"));
    }

    @Test
    public void malformedBytesDecodeAsTheJdkDoes() {
        byte[][] samples = {
            bytes(0xF0, 0x9F, 0x98), /* truncated */
            bytes(0xC0, 0x80), /* overlong NUL (modified UTF-8) */
            bytes(0xE0, 0x80, 0x80), /* overlong */
            bytes(0xF4, 0x90, 0x80, 0x80), /* above U+10FFFF */
            bytes(0xFF, 0x41, 0x80, 0xBF),
            bytes(0x61, 0xE2, 0x82), /* truncated at the end */
        };
        for (byte[] b : samples) {
            assertEquals(new String(b, StandardCharsets.UTF_8), Native.fromUtf8(b));
        }
        assertEquals("\uFFFD", Native.fromUtf8(bytes(0xF0, 0x9F, 0x98)));
        /* An encoded surrogate (CESU-8, modified UTF-8): one U+FFFD per byte, as Unicode's
         * recommended practice (and WHATWG, ICU, Python) has it; the JDK alone makes it one. */
        assertEquals("\uFFFD\uFFFD\uFFFDx", Native.fromUtf8(bytes(0xED, 0xA0, 0x80, 0x78)));
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD",
                Native.fromUtf8(bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)));
    }

    @Test
    public void randomInputMatchesTheJdk() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[random.nextInt(24)];
            random.nextBytes(b);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == (byte) 0xED) { /* see malformedBytesDecodeAsTheJdkDoes */
                    b[i] = (byte) 0xEE;
                }
            }
            assertEquals(new String(b, StandardCharsets.UTF_8), Native.fromUtf8(b));

            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(16);
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(4);
                int cp = pick == 0 ? random.nextInt(0x80)
                        : pick == 1 ? 0x80 + random.nextInt(0x780)
                        : pick == 2 ? 0x800 + random.nextInt(0xD000)
                        : 0x10000 + random.nextInt(0x100000);
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0x0905;
                }
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Native.toUtf8(s));
            assertEquals(s, Native.fromUtf8(Native.toUtf8(s)));
        }
    }

    @Test
    public void longStrings() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50000; i++) {
            sb.append(i % 3 == 0 ? "क" : i % 3 == 1 ? "🙂" : "x");
        }
        String s = sb.toString();
        assertEquals(s, Native.fromUtf8(Native.toUtf8(s)));
    }
}
