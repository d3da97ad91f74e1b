/* Compile-only stand-in for Android's Context (the README's Kotlin example; never run). */
package android.content;

import java.io.File;

public abstract class Context {
    public abstract File getFilesDir();
}
