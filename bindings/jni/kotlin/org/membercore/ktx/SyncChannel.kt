/*
 * bindings/jni/kotlin/org/membercore/ktx/SyncChannel.kt - the sync events as a ReceiveChannel,
 * for kotlinx-coroutines-core 1.0 to 1.4 (Debian 12 has 1.0.1, which has no Flow). Compile with
 * -Xuse-experimental=kotlinx.coroutines.ExperimentalCoroutinesApi (produce is experimental);
 * from coroutines 1.5 on, use SyncFlow.kt instead (offer is deprecated there).
 */
@file:JvmName("SyncChannel")

package org.membercore.ktx

import java.util.EnumSet
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.channels.produce
import kotlinx.coroutines.suspendCancellableCoroutine
import org.membercore.Delivery
import org.membercore.Sync
import org.membercore.SyncEvent
import org.membercore.SyncEventType

/**
 * The sync events of [types] as a channel, from now until the channel is cancelled or [scope]
 * ends; either removes the listener. The listener is registered before this returns, so no
 * event after the call is missed. It is an IMMEDIATE listener that only hands each event to the
 * channel (the core's thread never waits); the channel is unlimited unless [capacity] says
 * otherwise, and a bounded one drops the events that find it full.
 *
 * ```
 * val events = core.sync().events(viewModelScope, EnumSet.of(SyncEventType.DATA_CHANGED))
 * for (e in events) refresh(e.kinds)
 * ```
 */
fun Sync.events(
    scope: CoroutineScope,
    types: Set<SyncEventType> = EnumSet.allOf(SyncEventType::class.java),
    capacity: Int = Channel.UNLIMITED
): ReceiveChannel<SyncEvent> =
    /* Unconfined: the body runs at once, on this thread, up to its first suspension, so the
     * listener is registered before events() returns (or never, if scope is already over). */
    scope.produce(Dispatchers.Unconfined, capacity) {
        val handle = addListener(types, Delivery.IMMEDIATE) { event ->
            try {
                offer(event) /* false when a bounded channel is full: dropped */
            } catch (e: Exception) {
                /* cancelled meanwhile: the finally below is removing this listener */
            }
        }
        try {
            suspendCancellableCoroutine<Unit> { } /* until the channel or the scope is cancelled */
        } finally {
            handle.remove()
        }
    }
