/* Compile-only stand-in for Android's Handler (the README's Kotlin example; never run). */
package android.os;

public class Handler {
    public Handler(Looper looper) {
    }

    public final boolean post(Runnable r) {
        throw new UnsupportedOperationException("a compile-only stub");
    }
}
