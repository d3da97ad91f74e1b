/*
 * bindings/jni/kotlin/flow-standins/FlowStandIns.kt - compile-only stand-ins with the
 * signatures SyncFlow.kt uses from kotlinx-coroutines 1.5+ (callbackFlow, awaitClose,
 * trySend, buffer, Flow), which Debian 12's 1.0.1 lacks: scripts/test-kotlin.sh type-checks
 * SyncFlow.kt's use of the Java API against them (without its @OptIn line, which kotlinc 1.3
 * does not know). Not the real library: SyncFlow.kt stays "written, not compiled against
 * coroutines 1.5" here.
 */
@file:Suppress("UNUSED_PARAMETER")

package kotlinx.coroutines.flow

import kotlinx.coroutines.channels.ProducerScope

interface Flow<out T>

fun <T> callbackFlow(block: suspend ProducerScope<T>.() -> Unit): Flow<T> =
    throw UnsupportedOperationException("a compile-only stand-in")

fun <T> Flow<T>.buffer(capacity: Int): Flow<T> = this
