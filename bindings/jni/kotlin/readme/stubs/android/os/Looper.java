/* Compile-only stand-in for Android's Looper (the README's Kotlin example; never run). */
package android.os;

public final class Looper {
    private Looper() {
    }

    public static Looper getMainLooper() {
        throw new UnsupportedOperationException("a compile-only stub");
    }
}
