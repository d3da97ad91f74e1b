/*
 * platform/android/mcj_platform.h - membercore/platform.h's hooks over Java objects.
 *
 * On Android the secure storage is a Java object (org.membercore.SecureStorage, e.g. the
 * Keystore-backed org.membercore.android.KeystoreSecureStorage) and the log a Java
 * org.membercore.Logger (e.g. over android.util.Log). This bridge fills an mc_platform
 * whose hooks call them through JNI from whichever thread the core is on (the caller's,
 * or the sync thread, attached to the VM as needed).
 *
 * A Java exception thrown by a hook is cleared, reported to the Logger when there is one,
 * and becomes MC_ERR_STORAGE; it never stays pending and never crashes the process.
 */
#ifndef MCJ_PLATFORM_H
#define MCJ_PLATFORM_H

#include <jni.h>

#include "membercore/platform.h"

typedef struct mcj_platform mcj_platform;

/* Cache the classes and method ids; call once from JNI_OnLoad (the class loader of the
 * library is only reachable there). 0 on success, -1 with a Java exception pending. */
int mcj_platform_init(JNIEnv *env);
/* Release what mcj_platform_init cached (JNI_OnUnload). */
void mcj_platform_shutdown(JNIEnv *env);

/*
 * A bridge over storage (an org.membercore.SecureStorage, or NULL) and logger (an
 * org.membercore.Logger, or NULL), held by global references. Fills *out: the three
 * secure-storage hooks when storage is given, the log hook when logger is given, NULL
 * otherwise (the core's defaults). NULL when out of memory.
 */
mcj_platform *mcj_platform_new(JNIEnv *env, jobject storage, jobject logger, mc_platform *out);
/* Release the references; call after mc_client_close (no hook runs any more). NULL is ok. */
void mcj_platform_free(JNIEnv *env, mcj_platform *platform);

#endif
