/*
 * Compile-only stand-in for kotlinx-coroutines 1.5's SendChannel.trySend, a member there: as an
 * extension in SyncFlow.kt's own package, it resolves without an import (see FlowStandIns.kt).
 */
@file:Suppress("UNUSED_PARAMETER")

package org.membercore.ktx

import kotlinx.coroutines.channels.SendChannel

internal fun <E> SendChannel<E>.trySend(element: E): Any =
    throw UnsupportedOperationException("a compile-only stand-in")
