/*
 * bindings/jni/kotlin/test/org/membercore/KtxTest.kt - the Kotlin layer (org.membercore.ktx)
 * against a real memberstub: suspend calls sign in and sync, the sync events arrive on a
 * channel, and cancelling the channel or its scope removes the listener.
 */
package org.membercore

import java.io.File
import java.util.EnumSet
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.membercore.ktx.awaitOnce
import org.membercore.ktx.awaitRequestOtp
import org.membercore.ktx.awaitVerifyOtp
import org.membercore.ktx.events
import org.membercore.ktx.openMemberCore

class KtxTest {
    private lateinit var stub: StubServer
    private lateinit var dir: File

    @Before
    fun startStub() {
        stub = StubServer.start()
        dir = TestSupport.tempDir("ktx")
    }

    @After
    fun stopStub() {
        TestSupport.deleteTree(dir)
        stub.close()
    }

    private fun config(): Config =
        Config.builder(dir.path).serverUrl(stub.url()).clock(TestSupport.TestClock()).build()

    @Test
    fun suspendCallsSignInAndSync() = runBlocking {
        val core = openMemberCore(config())
        try {
            /* the annotations: Kotlin sees String? here, a plain String there */
            val pending: String? = core.auth().pendingPhone()
            assertNull(pending)
            val request = core.auth().awaitRequestOtp("98000 00001")
            assertEquals(TestSupport.ASHA, request.phone)
            assertEquals(TestSupport.ASHA, core.auth().pendingPhone())
            val result = core.auth().awaitVerifyOtp(stub.latestOtp(request.phone))
            val name: String = result.account.name
            assertEquals("Asha Rao", name)
            assertFalse(result.isNewUser)

            val report = core.sync().awaitOnce()
            assertTrue(report.toString(), report.pulled > 0)
            assertTrue(core.buildings().list().isNotEmpty())
        } finally {
            core.close()
        }
    }

    @Test
    fun syncEventsArriveOnAChannelAndCancellingRemovesTheListener() = runBlocking {
        val core = TestSupport.openWithClock(dir, stub.url(), TestSupport.TestClock(), null)
        try {
            TestSupport.signIn(core, stub, TestSupport.ASHA)
            val baseline = MemberCore.nativeGlobalRefCount()
            coroutineScope {
                val events = core.sync().events(this, EnumSet.of(SyncEventType.DATA_CHANGED))
                /* registered before events() returned: the next sync's event is not missed */
                assertEquals(baseline + 1, MemberCore.nativeGlobalRefCount())
                core.sync().awaitOnce()
                val event = withTimeout(30_000) { events.receive() }
                assertEquals(SyncEventType.DATA_CHANGED, event.type)
                assertTrue(event.toString(), event.kinds.contains(Kind.BUILDING))
                events.cancel()
            }
            assertEquals(baseline, MemberCore.nativeGlobalRefCount())

            /* the scope ending (a ViewModel cleared) removes it too */
            val received = mutableListOf<SyncEvent>()
            val job = launch {
                for (event in core.sync().events(this)) {
                    received.add(event)
                }
            }
            while (MemberCore.nativeGlobalRefCount() == baseline) {
                yield() /* the launched coroutine registers its listener */
            }
            assertEquals(baseline + 1, MemberCore.nativeGlobalRefCount())
            core.community().rsvp("EVT-BLR-DIWALI", Rsvp.GOING) /* a write to push */
            core.sync().awaitOnce()
            withTimeout(30_000) {
                while (received.isEmpty()) yield()
            }
            job.cancel()
            job.join()
            assertEquals(baseline, MemberCore.nativeGlobalRefCount())
            assertTrue(received.toString(), received.isNotEmpty())
        } finally {
            core.close()
        }
    }
}
