package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;

import org.junit.Test;

/**
 * The calendar export through the Java API against a real memberstub
 * (docs/today-desks-community.md, "Calendar"): Asha's room bookings and desk days exported as
 * iCalendar, one VEVENT per booking, in the building's zone. Both clocks read T0 (Monday
 * 2027-01-04 10:00 IST).
 */
public class CalendarTest extends StubFixture {
    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    public void theCalendarHasAVeventPerBooking() throws Exception {
        try (MemberCore asha = TestSupport.signedInAndSynced(dir, stub, clock,
                TestSupport.ASHA)) {
            String desk = asha.desks().book("BLR-1-D05", "2027-01-05", DeskPayment.PLAN).getId();
            Booking room = asha.rooms().book(BookingRequest.builder("BLR-1-BOARD", "2027-01-07",
                    "14:00").build());
            asha.sync().once();
            String ics = asha.calendar().ics();
            assertTrue(ics, ics.startsWith("BEGIN:VCALENDAR\r\n"));
            assertTrue(ics.contains("VERSION:2.0\r\n"));
            assertTrue(ics.contains("BEGIN:VTIMEZONE\r\n"));
            assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
            int events = count(ics, "BEGIN:VEVENT\r\n");
            assertEquals(events, count(ics, "END:VEVENT\r\n"));
            int bookings = 0;
            for (Booking b : asha.rooms().bookings()) {
                if (b.getStatus() == BookingStatus.CONFIRMED
                        || b.getStatus() == BookingStatus.PENDING) {
                    bookings++;
                    assertTrue(b.getId(), ics.contains(b.getId() + "@membercore"));
                }
            }
            assertTrue(ics.contains(desk + "@membercore"));
            assertTrue(ics.contains(room.getId() + "@membercore"));
            assertTrue(ics.contains("Desk BLR-1-D05"));
            assertTrue(events >= bookings + 1);
            assertTrue(ics.contains("TZID=Asia/Kolkata"));
            TestSupport.expectError(ErrorCode.INVALID_ARG,
                    () -> asha.calendar().ics(StubServer.T0_MS, StubServer.T0_MS - 1));
            File out = new File(dir, "asha.ics");
            asha.calendar().writeTo(out, 0, 0);
            assertTrue(out.length() > 0);
        }
    }
}
