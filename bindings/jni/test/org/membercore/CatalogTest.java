package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.List;

import org.junit.Test;

/**
 * The synced buildings against a real memberstub: zones, opening hours (BLR-1 closed on
 * Sundays, LON-1 open around the clock), day-pass prices and bundle tiers; the refusals after
 * close and when signed out.
 */
public class CatalogTest extends StubFixture {
    private static final String OFFLINE_URL = "http://127.0.0.1:1";

    private MemberCore signedIn() throws Exception {
        MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null);
        TestSupport.signIn(core, stub, TestSupport.ASHA);
        core.sync().once();
        return core;
    }

    static Building building(List<Building> list, String id) {
        for (Building b : list) {
            if (b.getId().equals(id)) {
                return b;
            }
        }
        fail("no building " + id + " in " + list);
        return null;
    }

    @Test
    public void buildingsCarryZoneHoursPriceAndTiers() throws Exception {
        try (MemberCore core = signedIn()) {
            List<Building> list = core.buildings().list();
            assertTrue(list.toString(), list.size() >= 2);
            for (int i = 1; i < list.size(); i++) { /* by id */
                assertTrue(list.toString(),
                        list.get(i - 1).getId().compareTo(list.get(i).getId()) < 0);
            }

            Building blr = building(list, "BLR-1");
            assertEquals("Asia/Kolkata", blr.getTimezone());
            assertEquals("Indiranagar", blr.getName());
            assertEquals("Bengaluru", blr.getCity());
            assertEquals(blr.toString(), 6, blr.getHours().size());
            for (int i = 0; i < 6; i++) { /* Monday to Saturday; Sunday (7) is closed */
                OpeningHours h = blr.getHours().get(i);
                assertEquals(h.toString(), i + 1, h.getWeekday());
                assertEquals(480, h.getOpenMinute());
                assertEquals(1320, h.getCloseMinute());
            }
            assertEquals("₹800.00", blr.getDayPassPrice().getFormatted());
            assertEquals("INR", blr.getCurrency());
            assertEquals("GST 18%", blr.getTax().getFormatted());
            assertTrue(blr.toString(), blr.getBookingWindowDays() > 0);
            assertTrue(blr.toString(), blr.getOpenSpaceCapacity() > 0);
            List<BundleTier> tiers = blr.getTiers();
            assertEquals(tiers.toString(), 3, tiers.size());
            int[] passes = {1, 5, 10};
            for (int i = 0; i < passes.length; i++) {
                assertEquals(tiers.toString(), passes[i], tiers.get(i).getPasses());
            }
            assertEquals(0, tiers.get(0).getDiscountPct());
            assertTrue(tiers.toString(), tiers.get(1).getDiscountPct() > 0);
            assertTrue(tiers.toString(),
                    tiers.get(2).getDiscountPct() > tiers.get(1).getDiscountPct());

            Building lon = building(list, "LON-1");
            assertEquals("Europe/London", lon.getTimezone());
            assertEquals(lon.toString(), 7, lon.getHours().size());
            for (int i = 0; i < 7; i++) {
                OpeningHours h = lon.getHours().get(i);
                assertEquals(h.toString(), i + 1, h.getWeekday());
                assertEquals(0, h.getOpenMinute());
                assertEquals(1440, h.getCloseMinute());
            }

            /* The lists are snapshots: read-only. */
            try {
                list.clear();
                fail("the list of buildings is modifiable");
            } catch (UnsupportedOperationException expected) {
                /* the point */
            }
            try {
                blr.getHours().clear();
                fail("the hours are modifiable");
            } catch (UnsupportedOperationException expected) {
                /* the point */
            }
        }
    }

    /** Local: after a restart without the server, the synced buildings are still there. */
    @Test
    public void buildingsAreReadFromTheLocalStore() throws Exception {
        signedIn().close();
        try (MemberCore core = TestSupport.openWithClock(dir, OFFLINE_URL, clock, null)) {
            Building blr = building(core.buildings().list(), "BLR-1");
            assertNotNull(blr);
            assertEquals(6, blr.getHours().size());
        }
    }

    @Test
    public void useAfterCloseThrowsIllegalState() throws Exception {
        MemberCore core = signedIn();
        core.close();
        try {
            core.buildings().list();
            fail("buildings() worked after close");
        } catch (IllegalStateException expected) {
            /* the point */
        }
    }

    @Test
    public void signedOutIsUnauthorized() {
        try (MemberCore core = TestSupport.openWithClock(dir, stub.url(), clock, null)) {
            TestSupport.expectError(ErrorCode.UNAUTHORIZED, core.buildings()::list);
        }
    }
}
