/*
 * bindings/jni/kotlin/org/membercore/ktx/MemberCoreKtx.kt - suspend functions for the calls of
 * the Java API that block on the network or the disk. Only stable coroutines API
 * (withContext, Dispatchers.IO): kotlinx-coroutines-core 1.0 or newer. The sync events are in
 * SyncChannel.kt (a channel, coroutines 1.0 to 1.4) and SyncFlow.kt (a Flow, 1.5 and newer).
 */
@file:JvmName("MemberCoreKtx")

package org.membercore.ktx

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.membercore.Account
import org.membercore.Auth
import org.membercore.Billing
import org.membercore.Booking
import org.membercore.BookingRequest
import org.membercore.Cart
import org.membercore.Config
import org.membercore.DeskBooking
import org.membercore.DeskPayment
import org.membercore.Desks
import org.membercore.IntentDetails
import org.membercore.InvoicePayment
import org.membercore.MemberCore
import org.membercore.Offer
import org.membercore.Offers
import org.membercore.Order
import org.membercore.OtpRequest
import org.membercore.Profile
import org.membercore.Reception
import org.membercore.Rooms
import org.membercore.Staff
import org.membercore.StaffColleague
import org.membercore.StaffQueue
import org.membercore.StaffTicket
import org.membercore.Sync
import org.membercore.SyncReport
import org.membercore.TicketStatus
import org.membercore.VerifyResult
import org.membercore.Visitor

/*
 * Every blocking call runs on Dispatchers.IO. Cancelling the caller abandons the result at once;
 * the native call itself still ends by its own timeouts (Config.requestTimeoutMs), as a blocking
 * call cannot be interrupted from another thread.
 */
private suspend inline fun <T> io(crossinline block: () -> T): T =
    withContext(Dispatchers.IO) { block() }

/** [MemberCore.open] off the caller's thread (it creates or migrates the local store). */
suspend fun openMemberCore(config: Config): MemberCore = io { MemberCore.open(config) }

// ---- auth ----------------------------------------------------------------------------------

/** [Auth.requestOtp] on Dispatchers.IO. */
suspend fun Auth.awaitRequestOtp(phone: String): OtpRequest = io { requestOtp(phone) }

/** [Auth.verifyOtp] on Dispatchers.IO. */
suspend fun Auth.awaitVerifyOtp(code: String): VerifyResult = io { verifyOtp(code) }

/** [Auth.completeProfile] on Dispatchers.IO. */
suspend fun Auth.awaitCompleteProfile(profile: Profile): Account = io { completeProfile(profile) }

/** [Auth.setIntent] on Dispatchers.IO. */
suspend fun Auth.awaitSetIntent(details: IntentDetails): Account = io { setIntent(details) }

/** [Auth.refreshAccount] on Dispatchers.IO. */
suspend fun Auth.awaitRefreshAccount(): Account = io { refreshAccount() }

// ---- sync ----------------------------------------------------------------------------------

/** [Sync.once] on Dispatchers.IO (throws [org.membercore.SyncFailedException]). */
suspend fun Sync.awaitOnce(): SyncReport = io { once() }

// ---- rooms, billing, desks, offers ---------------------------------------------------------

/** [Rooms.book] on Dispatchers.IO (a Razorpay booking goes online; credits do not). */
suspend fun Rooms.awaitBook(request: BookingRequest): Booking = io { book(request) }

/** [Rooms.confirmPayment] on Dispatchers.IO. */
suspend fun Rooms.awaitConfirmPayment(
    bookingId: String,
    orderId: String,
    paymentId: String,
    signature: String
): Booking = io { confirmPayment(bookingId, orderId, paymentId, signature) }

/** [Billing.checkout] on Dispatchers.IO. */
suspend fun Billing.awaitCheckout(cart: Cart): Order = io { checkout(cart) }

/** [Billing.payInvoice] on Dispatchers.IO. */
suspend fun Billing.awaitPayInvoice(invoiceId: String): Order = io { payInvoice(invoiceId) }

/** [Billing.confirmInvoicePayment] on Dispatchers.IO. */
suspend fun Billing.awaitConfirmInvoicePayment(
    orderId: String,
    paymentId: String,
    signature: String
): InvoicePayment = io { confirmInvoicePayment(orderId, paymentId, signature) }

/** [Desks.book] on Dispatchers.IO (Razorpay goes online). */
suspend fun Desks.awaitBook(deskId: String, date: String, pay: DeskPayment): DeskBooking =
    io { book(deskId, date, pay) }

/** [Desks.confirmPayment] on Dispatchers.IO. */
suspend fun Desks.awaitConfirmPayment(
    bookingId: String,
    orderId: String,
    paymentId: String,
    signature: String
): DeskBooking = io { confirmPayment(bookingId, orderId, paymentId, signature) }

/** [Offers.redeem] on Dispatchers.IO. */
suspend fun Offers.awaitRedeem(offerId: String): Offer = io { redeem(offerId) }

// ---- staff and reception (online) ----------------------------------------------------------

/** [Staff.queue] on Dispatchers.IO. */
suspend fun Staff.awaitQueue(queue: StaffQueue = StaffQueue.ACTIVE): List<StaffTicket> =
    io { queue(queue) }

/** [Staff.get] on Dispatchers.IO. */
suspend fun Staff.awaitGet(idOrNumber: String): StaffTicket = io { get(idOrNumber) }

/** [Staff.colleagues] on Dispatchers.IO. */
suspend fun Staff.awaitColleagues(): List<StaffColleague> = io { colleagues() }

/** [Staff.assign] on Dispatchers.IO (null: the caller). */
suspend fun Staff.awaitAssign(idOrNumber: String, assigneeId: String?): StaffTicket =
    io { assign(idOrNumber, assigneeId) }

/** [Staff.setStatus] on Dispatchers.IO. */
suspend fun Staff.awaitSetStatus(idOrNumber: String, status: TicketStatus): StaffTicket =
    io { setStatus(idOrNumber, status) }

/** [Staff.comment] on Dispatchers.IO. */
suspend fun Staff.awaitComment(idOrNumber: String, text: String, internal: Boolean): StaffTicket =
    io { comment(idOrNumber, text, internal) }

/** [Reception.visitors] on Dispatchers.IO (null: today). */
suspend fun Reception.awaitVisitors(date: String? = null): List<Visitor> = io { visitors(date) }

/** [Reception.checkIn] on Dispatchers.IO. */
suspend fun Reception.awaitCheckIn(idOrCode: String): Visitor = io { checkIn(idOrCode) }

/** [Reception.walkIn] on Dispatchers.IO. */
suspend fun Reception.awaitWalkIn(
    hostPhone: String,
    name: String,
    email: String,
    phone: String? = null
): Visitor = io { walkIn(hostPhone, name, email, phone) }
