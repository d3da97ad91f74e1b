/* Compile-only stand-in for kotlinx-coroutines 1.5's awaitClose (see FlowStandIns.kt). */
@file:Suppress("UNUSED_PARAMETER")

package kotlinx.coroutines.channels

suspend fun ProducerScope<*>.awaitClose(block: () -> Unit = {}): Unit =
    throw UnsupportedOperationException("a compile-only stand-in")
