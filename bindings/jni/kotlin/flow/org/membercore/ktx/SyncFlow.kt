/*
 * bindings/jni/kotlin/flow/org/membercore/ktx/SyncFlow.kt - the sync events as a cold Flow,
 * for kotlinx-coroutines-core 1.5 or newer (callbackFlow, trySend). Debian 12 has 1.0.1, which
 * has no Flow: scripts/test-kotlin.sh compiles this file only when a newer jar is installed
 * (written, not run here); SyncChannel.kt is the channel form for 1.0 to 1.4.
 */
@file:JvmName("SyncFlow")

package org.membercore.ktx

import java.util.EnumSet
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import org.membercore.Delivery
import org.membercore.Sync
import org.membercore.SyncEvent
import org.membercore.SyncEventType

/**
 * The sync events of [types], as a cold Flow: each collector registers its own IMMEDIATE
 * listener when it starts collecting and removes it when it stops (cancelled, or the collecting
 * scope ends). The listener only hands each event to the flow's unlimited buffer, so the core's
 * thread never waits for a slow collector.
 *
 * ```
 * core.sync().eventFlow(EnumSet.of(SyncEventType.DATA_CHANGED))
 *     .onEach { refresh(it.kinds) }
 *     .launchIn(viewModelScope)
 * ```
 */
@OptIn(ExperimentalCoroutinesApi::class)
fun Sync.eventFlow(
    types: Set<SyncEventType> = EnumSet.allOf(SyncEventType::class.java)
): Flow<SyncEvent> = callbackFlow<SyncEvent> {
    val handle = addListener(types, Delivery.IMMEDIATE) { event -> trySend(event) }
    awaitClose { handle.remove() }
}.buffer(Channel.UNLIMITED)
