/*
 * platform/android/mcj_jni.h - JNI plumbing shared by the Android platform bridge and the
 * JNI binding (bindings/jni): a JNIEnv for any thread, strings, counted global references.
 *
 * Threads: mcj_env() works on every thread. A thread the JVM does not know (the core's
 * sync thread) is attached as a daemon on first use and detached by a pthread key
 * destructor when it ends, as Android's JNI guidance asks.
 *
 * Strings: JNI's "modified UTF-8" is not UTF-8 (U+0000 and characters outside the BMP
 * are encoded differently), so strings never go through NewStringUTF/GetStringUTFChars:
 * they are converted here between UTF-8 and UTF-16 jchar arrays.
 */
#ifndef MCJ_JNI_H
#define MCJ_JNI_H

#include <jni.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Remember the VM and create the thread key; call once from JNI_OnLoad. 0 on success. */
int mcj_jni_init(JavaVM *vm);

/* The JNIEnv of the calling thread, attaching it (as a daemon) if needed; NULL when the
 * VM refuses. */
JNIEnv *mcj_env(void);

/* Global references, counted so that tests can check none is leaked. */
jobject mcj_ref_new(JNIEnv *env, jobject obj);
void mcj_ref_delete(JNIEnv *env, jobject ref);
/* Global references made through mcj_ref_new and not yet deleted. */
int64_t mcj_ref_count(void);

/*
 * UTF-8 (NUL-terminated; NULL gives NULL) -> a new Java string. Malformed bytes become
 * U+FFFD. Returns NULL with an OutOfMemoryError pending when the VM is out of memory.
 */
jstring mcj_string_new(JNIEnv *env, const char *utf8);
/* Same for len bytes that need not be NUL-terminated. */
jstring mcj_string_new_n(JNIEnv *env, const char *utf8, size_t len);

/*
 * A Java string -> a malloc'd UTF-8 string (free() it), *len_out (may be NULL) its length.
 * Surrogate pairs become 4-byte sequences; unpaired surrogates become U+FFFD.
 * *has_nul (may be NULL) is set when the string contains U+0000, which a C string cannot
 * carry (it is encoded, so the result is cut there for C).
 * NULL for a NULL string (nothing pending) or when out of memory (OutOfMemoryError
 * pending).
 */
char *mcj_string_utf8(JNIEnv *env, jstring str, size_t *len_out, bool *has_nul);

/* The pure conversions behind the two above, for tests. utf16_to_utf8 writes at most
 * 3 bytes per unit (+1 NUL); utf8_to_utf16 at most one unit per byte. Return the length
 * written (bytes / units, without NUL). */
size_t mcj_utf16_to_utf8(const jchar *in, size_t n, char *out);
size_t mcj_utf8_to_utf16(const char *in, size_t n, jchar *out);

/* Throw a new instance of the class named (e.g. "java/lang/IllegalStateException"). */
void mcj_throw(JNIEnv *env, const char *class_name, const char *utf8_message);

#endif
