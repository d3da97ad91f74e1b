// Facility tickets through the Swift API against memberstub (docs/tickets-protocol.md): the
// synced category tree, a ticket filed offline with a real PNG and synced (its number, the photo
// on the server, upload progress events), the timeline, comment / resolve / reopen, bad input
// refused with its code; and the staff side: Kiran Das works Asha's ticket.
import Foundation
import MemberCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Seeded staff (DOMAIN.md): Kiran Das at BLR-1, Tom Reed at LON-1.
let kiran = "+919800000010"
let tom = "+447700900010"

/// A real PNG of `width` x `height` RGB pixels (a gradient): signature, IHDR, one IDAT holding a
/// zlib stream of stored (uncompressed) deflate blocks with its Adler-32, IEND; every chunk with
/// its CRC-32.
func writePNG(_ url: URL, width: Int, height: Int) throws -> URL {
    var raw: [UInt8] = []
    for y in 0..<height {
        raw.append(0)  // filter: none
        for x in 0..<width {
            raw += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), UInt8((x + y) & 0xff)]
        }
    }
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
        let n = min(65_535, raw.count - offset)
        let last: UInt8 = offset + n == raw.count ? 1 : 0
        zlib += [last, UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8((~n >> 8) & 0xff)]
        zlib += raw[offset..<offset + n]
        offset += n
    } while offset < raw.count
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in raw {
        a = (a + UInt32(byte)) % 65_521
        b = (b + a) % 65_521
    }
    zlib += bigEndian((b << 16) | a)
    var ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    ihdr += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, no filter, no interlace
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    png += pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib) + pngChunk("IEND", [])
    try Data(png).write(to: url)
    return url
}

private func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
}

private func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in body {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return bigEndian(UInt32(data.count)) + body + bigEndian(~crc)
}

extension StubServer {
    /// What the server holds of a ticket photo (`GET /v1/test/uploads`, test mode).
    func upload(_ photoId: String) async throws -> [String: Any] {
        let (status, body) = try await request("GET", "/v1/test/uploads?photo_id=\(photoId)")
        guard status == 200, let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        else { throw TestFailure("uploads \(photoId): \(status) \(body)") }
        return json
    }

    /// The push deliveries to a member's tokens (`GET /v1/test/pushes`), as the stub's JSON.
    func pushes(_ phone: String) async throws -> String {
        let encoded = phone.replacingOccurrences(of: "+", with: "%2B")
        let (status, body) = try await request("GET", "/v1/test/pushes?phone=\(encoded)")
        guard status == 200 else { throw TestFailure("pushes: \(status) \(body)") }
        return body
    }
}

/// A temporary directory for the test's own files (photos), removed after `body`.
func withFiles(_ body: (URL) async throws -> Void) async throws {
    let dir = try makeTempDir("files")
    defer { try? FileManager.default.removeItem(at: dir) }
    try await body(dir)
}

/// The numeric value of `key` in the stub's JSON (JSONSerialization gives NSNumber or Int).
func int64(_ json: [String: Any], _ key: String) -> Int64? {
    (json[key] as? NSNumber)?.int64Value
}

let minuteMs: Int64 = 60_000

/// A Date as the core's UTC milliseconds.
func epochMs(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

@Suite("facility tickets", .timeLimit(.minutes(1)))
struct TicketTests {
    @Test("the category tree arrives with sync, in tree order; a path finds its leaf")
    func categories() async throws {
        try await withFixture { f in
            let core = try await signedInAsha(f)
            let all = try core.ticketCategories()
            #expect(all.count == 15)
            #expect(all.filter { !$0.isLeaf }.count == 5)
            let washroom = try #require(all.dropFirst().first)
            #expect(all.first?.id == "cleaning")
            #expect(all.first?.parentId == nil)
            #expect(all.first?.team == nil)
            #expect(washroom.id == "cleaning.washroom")
            #expect(washroom.path == "Cleaning/Washroom")
            #expect(washroom.parentId == "cleaning")
            #expect(washroom.team == "Housekeeping")
            #expect(washroom.responseMinutes == 15)
            #expect(washroom.resolutionMinutes == 60)
            var top: String?
            for c in all {
                if c.isLeaf { #expect(c.parentId == top, "\(c.id) under \(top ?? "nothing")") } else { top = c.id }
            }
            #expect(try core.ticketCategory(named: "IT → Wi-Fi").id == "it.wifi")
            #expect(try core.ticketCategory(named: "cleaning/washroom").id == "cleaning.washroom")
            let topLevel = await error { _ = try core.ticketCategory(named: "Cleaning") }
            #expect(topLevel?.code == .notFound)
            #expect(topLevel?.message.contains("Washroom") == true)
            let unknown = await error { _ = try core.ticketCategory(named: "Plumbing/Leak") }
            #expect(unknown?.code == .notFound)
            #expect(unknown?.message.contains("Plumbing/Leak") == true)
        }
    }

    @Test("a ticket filed offline with a PNG reaches the server once, numbered, and its photo uploads")
    func fileOfflineThenSync() async throws {
        try await withFixture { f in
            try await withFiles { files in
                try await signedInAsha(f).close()
                let photo = try writePNG(files.appendingPathComponent("soap.png"), width: 64, height: 48)
                let photoBytes = Int64(try Data(contentsOf: photo).count)

                let offline = try f.open(deadServer)
                let id = try offline.fileTicket(
                    TicketDraft(
                        categoryId: "cleaning.washroom", priority: .high,
                        description: "No soap in the second-floor washroom",
                        location: .cabin(name: "Cabin 1019"), photos: [photo]))
                #expect(id.hasPrefix("tkt_") && id.count == 36)
                var t = try offline.ticket(id)
                #expect(t.isPending)
                #expect(t.number == nil)
                #expect(t.displayId == id)
                #expect(t.buildingId == "BLR-1")
                #expect(t.categoryPath == "Cleaning/Washroom")
                #expect(t.priority == .high)
                #expect(t.priority.name == "high")
                #expect(t.status == .open)
                #expect(t.locationKind == .cabin)
                #expect(t.locationName == "Cabin 1019")
                #expect(t.sla == SLAState.none)
                #expect(t.resolutionDue == nil)
                #expect(t.photosWaiting == 1)
                let pending = try #require(t.photos.first)
                #expect(pending.contentType == "image/png")
                #expect(pending.bytes == photoBytes)
                #expect(!pending.isUploaded)
                #expect(pending.commentId == nil)
                let copy = try #require(pending.localFile)
                #expect(FileManager.default.fileExists(atPath: copy.path))
                #expect(t.timeline.first?.type == .created)
                #expect(t.timeline.first?.type.name == "created")
                #expect(t.timeline.first?.authorName == "You")
                #expect(try offline.tickets().items.map(\.id) == [id])
                offline.close()
                try FileManager.default.removeItem(at: photo)  // the library kept its own copy

                let core = try f.open()
                let events = try core.syncEvents([.uploadProgress, .uploadFailed])
                try await core.syncOnce()
                t = try core.ticket(id)
                #expect(!t.isPending)
                #expect(t.number == "T-1001")
                #expect(try core.ticket("T-1001").id == id)
                #expect(t.photosWaiting == 0)
                let sent = try #require(t.photos.first)
                #expect(sent.isUploaded)
                #expect(sent.sentBytes == photoBytes)
                #expect(sent.localFile == nil)
                #expect(!FileManager.default.fileExists(atPath: copy.path))

                // The server's SLA as given: high priority halves Washroom's 15/60 minutes.
                let created = epochMs(t.createdAt)
                #expect(t.responseDue.map(epochMs) == created + 8 * minuteMs)
                #expect(t.resolutionDue.map(epochMs) == created + 30 * minuteMs)
                #expect(t.atRiskFrom.map(epochMs) == created + 24 * minuteMs)
                #expect(t.sla == .onTrack)
                #expect(t.resolutionDueLocal?.label == "IST")
                #expect(t.resolutionDueLocal?.hour == 10)
                #expect(t.resolutionDueLocal?.minute == 30)
                #expect(t.timeline.first?.isPending == false)
                #expect(t.timeline.first?.atLocal.label == "IST")
                #expect(t.timeline.contains { $0.type == .photo && $0.photoIds == [sent.id] })

                let held = try await f.stub.upload(sent.id)
                #expect(held["complete"] as? Bool == true)
                #expect(int64(held, "received") == photoBytes)
                #expect(int64(held, "bytes_received_total") == photoBytes)

                core.close()  // ends the stream
                var progress: [UploadProgress] = []
                for await case .uploadProgress(let p) in events { progress.append(p) }
                #expect(!progress.isEmpty)
                #expect(progress.allSatisfy { $0.photoId == sent.id && $0.ticketId == id && $0.total == photoBytes })
                #expect(progress.map(\.sent) == progress.map(\.sent).sorted())
                #expect(progress.last?.isComplete == true)
            }
        }
    }

    @Test("a photo the server refuses is reported once by uploadFailed and not sent again")
    func uploadFailed() async throws {
        try await withFixture { f in
            try await withFiles { files in
                try await signedInAsha(f).close()
                let offline = try f.open(deadServer)
                let photo = try writePNG(files.appendingPathComponent("mirror.png"), width: 40, height: 30)
                let id = try offline.fileTicket(
                    TicketDraft(categoryId: "cleaning.washroom", description: "The mirror is cracked", photos: [photo]))
                let pending = try #require(try offline.ticket(id).photos.first)
                // The library's copy changes after its sha256 was declared (same size): the
                // server's check of the whole file refuses it.
                let copy = try #require(pending.localFile)
                var bytes = try Data(contentsOf: copy)
                bytes[bytes.count / 2] ^= 0x55
                try bytes.write(to: copy)
                offline.close()

                let core = try f.open()
                let events = try core.syncEvents(.uploadFailed)
                try await core.syncOnce()
                try await core.syncOnce()  // a failed photo is not tried again
                let shown = try core.ticket(id)
                let listed = try #require(try core.tickets().items.first)
                core.close()
                var failures: [UploadFailure] = []
                for await case .uploadFailed(let failure) in events { failures.append(failure) }
                #expect(failures.count == 1)
                let failure = try #require(failures.first)
                #expect(failure.photoId == pending.id)
                #expect(failure.ticketId == id)
                #expect(failure.serverCode == "photo_corrupt")
                #expect(!failure.message.isEmpty)
                // What the member reads: failed, with the event's reason; nothing waiting.
                let failedPhoto = try #require(shown.photos.first)
                #expect(failedPhoto.isFailed)
                #expect(!failedPhoto.isUploaded)
                #expect(failedPhoto.failure == failure.message)
                #expect(failedPhoto.localFile == nil)
                #expect(shown.photosWaiting == 0)
                #expect(shown.photosFailed == 1)
                #expect(listed.photosWaiting == 0)
                #expect(listed.photosFailed == 1)
                let held = try await f.stub.upload(pending.id)
                #expect(held["complete"] as? Bool == false)
            }
        }
    }

    @Test("comment with a photo, resolve and reopen reach the server and notify")
    func commentResolveReopen() async throws {
        try await withFixture { f in
            try await withFiles { files in
                let core = try await signedInAsha(f)
                let id = try core.fileTicket(
                    TicketDraft(
                        categoryId: "it.wifi", description: "Wi-Fi drops every hour",
                        location: .room(id: "BLR-1-BOARD")))
                try await core.syncOnce()
                var t = try core.ticket(id)
                #expect(t.number == "T-1001")
                #expect(t.locationKind == .room)
                #expect(t.locationId == "BLR-1-BOARD")

                let shot = try writePNG(files.appendingPathComponent("router.png"), width: 32, height: 32)
                try core.commentOnTicket("T-1001", text: "Still dropping at 11:00", photos: [shot])
                t = try core.ticket(id)
                let comment = try #require(t.timeline.last)
                #expect(comment.type == .comment)
                #expect(comment.text == "Still dropping at 11:00")
                #expect(comment.isPending)
                #expect(comment.photoIds.count == 1)
                #expect(t.photos.first?.commentId != nil)

                try await core.syncOnce()
                t = try core.ticket(id)
                #expect(!t.isPending)
                #expect(t.photos.first?.isUploaded == true)
                #expect(t.timeline.contains { $0.type == .comment && !$0.isPending && $0.text == "Still dropping at 11:00" })

                try core.resolveTicket("T-1001")
                #expect(try core.ticket(id).status == .resolved)
                try await core.syncOnce()
                t = try core.ticket(id)
                #expect(t.status == .resolved)
                #expect(!t.isPending)
                let resolvedAt = try #require(t.resolvedAt)
                #expect(t.reopenUntil.map(epochMs) == epochMs(resolvedAt) + 7 * dayMs)
                #expect(t.reopenUntilLocal?.label == "IST")
                #expect(t.sla == .met)
                #expect(await error { try core.resolveTicket(id) }?.code == .invalidState)

                try core.reopenTicket(id)
                try await core.syncOnce()
                t = try core.ticket(id)
                #expect(t.status == .open)
                #expect(t.reopenUntil == nil)
                #expect(t.timeline.filter { $0.type == .status && $0.from == .resolved && $0.to == .open }.count == 1)

                let linked = try core.notifications().notifications.filter { $0.linkKind == .ticket }
                #expect(linked.count >= 3)
                #expect(linked.allSatisfy { $0.category == .support && $0.deepLink?.hasSuffix(id) == true })
                #expect(linked.allSatisfy { $0.title.contains("T-1001") })
            }
        }
    }

    @Test("bad input is refused with its code and message, and nothing is kept")
    func badInput() async throws {
        try await withFixture { f in
            try await withFiles { files in
                let core = try await signedInAsha(f)
                let unknown = await error {
                    try core.fileTicket(TicketDraft(categoryId: "plumbing.leak", description: "A leak"))
                }
                #expect(unknown?.code == .notFound)
                #expect(unknown?.message.contains("plumbing.leak") == true)

                let fake = files.appendingPathComponent("notes.png")
                try Data("not an image at all".utf8).write(to: fake)
                let notImage = await error {
                    try core.fileTicket(
                        TicketDraft(categoryId: "cleaning.washroom", description: "Not a photo", photos: [fake]))
                }
                #expect(notImage?.code == .invalidArgument)
                #expect(notImage?.message.contains("notes.png") == true)

                let six = try (0..<6).map {
                    try writePNG(files.appendingPathComponent("p\($0).png"), width: 8 + $0, height: 8)
                }
                let tooMany = await error {
                    try core.fileTicket(
                        TicketDraft(categoryId: "cleaning.washroom", description: "Six photos", photos: six))
                }
                #expect(tooMany?.code == .invalidArgument)
                #expect(tooMany?.message.contains("5") == true)

                let tooLong = await error {
                    try core.fileTicket(
                        TicketDraft(
                            categoryId: "cleaning.washroom",
                            description: String(repeating: "x", count: MemberCore.ticketTextMaxCharacters + 1)))
                }
                #expect(tooLong?.code == .invalidArgument)
                #expect(tooLong?.message.contains("2000") == true)
                #expect(
                    await error {
                        try core.fileTicket(TicketDraft(categoryId: "cleaning.washroom", priority: .unknown, description: "?"))
                    }?.code == .invalidArgument)

                #expect(try TicketPriority(parsing: "URGENT") == .urgent)
                let asap = await error { _ = try TicketPriority(parsing: "asap") }
                #expect(asap?.code == .invalidArgument)
                #expect(asap?.message.contains("asap") == true)
                #expect(await error { _ = try core.ticket("T-9999") }?.code == .notFound)

                #expect(try core.tickets().items.isEmpty)
                #expect(try core.outbox().isEmpty)
            }
        }
    }

    @Test("Kiran Das assigns, starts, notes, replies and resolves; Asha sees it, never the note")
    func staffFlow() async throws {
        try await withFixture { f in
            let note = "Dispenser needs a new pump: ordered"
            let reply = "Soap restocked and the dispenser fixed"
            let member = try await signedInAsha(f)
            try member.registerPushToken("apns-token-asha", provider: .apns)
            let id = try member.fileTicket(
                TicketDraft(categoryId: "cleaning.washroom", priority: .high, description: "No soap"))
            try await member.syncOnce()
            #expect(try member.ticket(id).number == "T-1001")

            let staffDir = try makeTempDir("staff")
            defer { try? FileManager.default.removeItem(at: staffDir) }
            let staff = try f.open(dataDir: staffDir)
            try await f.signIn(staff, kiran)

            let queued = try #require(try await staff.staffTickets().first { $0.ticket.number == "T-1001" })
            #expect(queued.id == id)
            #expect(queued.reporterName == "Asha Rao")
            #expect(queued.assigneeId == nil)
            #expect(queued.ticket.status == .open)
            #expect(queued.ticket.timeline.isEmpty)
            #expect(try await staff.staffTickets(.resolved).allSatisfy { $0.id != id })
            let me = try #require(try await staff.staffColleagues().first { $0.name == "Kiran Das" })

            let assigned = try await staff.assignTicket("T-1001")
            #expect(assigned.ticket.status == .assigned)
            #expect(assigned.ticket.assigneeName == "Kiran Das")
            #expect(assigned.assigneeId == me.id)
            #expect(try await staff.setTicketStatus(id, .inProgress).ticket.status == .inProgress)
            let noted = try await staff.staffComment(on: "T-1001", text: note, internal: true)
            #expect(noted.notes.map(\.text) == [note])
            #expect(noted.notes.first?.authorName == "Kiran Das")
            #expect(noted.notes.first?.atLocal.label == "IST")
            let replied = try await staff.staffComment(on: "T-1001", text: reply)
            #expect(replied.ticket.timeline.last?.text == reply)
            #expect(replied.ticket.timeline.last?.authorRole == "staff")
            #expect(replied.ticket.timeline.last?.authorName == "Kiran Das")
            #expect(try await staff.setTicketStatus("T-1001", .resolved).ticket.status == .resolved)
            let full = try await staff.staffTicket("T-1001")
            #expect(full.notes.count == 1)
            #expect(!full.ticket.timeline.isEmpty)

            try await member.syncOnce()
            let mine = try member.ticket(id)
            #expect(mine.status == .resolved)
            #expect(mine.assigneeName == "Kiran Das")
            #expect(mine.respondedAt != nil)
            #expect(mine.timeline.contains { $0.text == reply && $0.authorName == "Kiran Das" })
            #expect(!mine.timeline.contains { $0.text.contains(note) })
            let linked = try member.notifications().notifications.filter { $0.linkKind == .ticket }
            #expect(linked.count == 5)  // received, assigned, in progress, the reply, resolved
            #expect(linked.allSatisfy { $0.category == .support && !$0.body.contains(note) })
            let pushes = try await f.stub.pushes(asha)
            #expect(pushes.contains("apns-token-asha"))
            #expect(pushes.contains("membercore://tickets/\(id)"))
            #expect(!pushes.contains(note))

            // Refusals: a move out of order, a member at the staff routes, another building.
            let early = await error { _ = try await staff.setTicketStatus(id, .closed) }
            #expect(early?.code == .invalidArgument)
            #expect(await error { _ = try await member.staffTickets() }?.code == .forbidden)
            let lonDir = try makeTempDir("staff-lon")
            defer { try? FileManager.default.removeItem(at: lonDir) }
            let london = try f.open(dataDir: lonDir)
            try await f.signIn(london, tom)
            #expect(await error { _ = try await london.staffTicket("T-1001") }?.code == .notFound)
            #expect(try StaffQueue(parsing: "in-progress") == .inProgress)
            #expect(StaffQueue.inProgress.name == "in_progress")
        }
    }

    @Test("staff cannot start an open ticket: the message names the move")
    func staffMoveOutOfOrder() async throws {
        try await withFixture { f in
            let member = try await signedInAsha(f)
            try member.fileTicket(TicketDraft(categoryId: "it.printer", description: "Printer jams"))
            try await member.syncOnce()
            let staffDir = try makeTempDir("staff")
            defer { try? FileManager.default.removeItem(at: staffDir) }
            let staff = try f.open(dataDir: staffDir)
            try await f.signIn(staff, kiran)
            let early = await error { _ = try await staff.setTicketStatus("T-1001", .inProgress) }
            #expect(early?.code == .invalidState)
            #expect(early?.message.contains("assign it first") == true)
            #expect(await error { _ = try await staff.assignTicket("T-1001", to: "usr_not_a_colleague") }?.code == .invalidArgument)
            #expect(await error { _ = try await staff.staffComment(on: "T-1001", text: "") }?.code == .invalidArgument)
        }
    }
}
