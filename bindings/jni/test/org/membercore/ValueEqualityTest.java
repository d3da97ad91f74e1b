package org.membercore;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.Test;

/**
 * equals, hashCode and toString of the value classes (list diffing on Android compares values):
 * every public class of membercore.jar that carries data is built twice from equal arguments
 * (fresh arrays and lists each time) through its widest constructor (the one the JNI glue calls)
 * or, for a class made by a Builder, through the Builder's fields, and must be equal with the
 * same hash and text; then each argument in turn is changed and the value must differ. A class that carries data and does not override equals fails, as does a new field
 * left out of equals. Then a representative set by hand, and the same list read twice from a
 * real store.
 */
public class ValueEqualityTest extends StubFixture {
    /* Not values: the client and its area objects, exceptions, the config (callbacks), the
     * transports and the live request they are handed (its id, cancel hook and body stream
     * belong to one exchange: it compares by identity). */
    private static final Set<String> NOT_VALUES = new HashSet<String>(Arrays.asList(
            "MemberCore", "Auth", "Sync", "Community", "Rooms", "Billing", "Buildings", "Access",
            "Tickets", "Staff", "Visitors", "Reception", "Notifications", "Desks",
            "Announcements", "Offers", "CalendarExport", "Config", "MemberCoreException",
            "SyncFailedException", "HttpRequest", "HttpUrlConnectionTransport"));

    /*
     * Constructor arguments that do not reach an equal-compared field, by class and index,
     * and why. Each of these is checked to be really ignored (a stale entry fails).
     */
    private static final Map<String, String> IGNORED = new TreeMap<String, String>();

    static {
        /* BuildingTime: the calendar fields and the ISO text derive from utcMs + offset. */
        for (int i = 2; i <= 9; i++) {
            IGNORED.put("BuildingTime#" + i, "derived from utcMs and the offset");
        }
        /* Money: the formatted text derives from minor + currency. */
        IGNORED.put("Money#2", "formatted derives from minor and currency");
    }

    private static final int ARRAY_LENGTH = 32;

    /* Every public class of membercore.jar (the jar the Java API is in). */
    private static List<Class<?>> apiClasses() throws Exception {
        String jar = MemberCore.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath();
        List<Class<?>> out = new ArrayList<Class<?>>();
        try (JarFile f = new JarFile(jar)) {
            for (JarEntry e : Collections.list(f.entries())) {
                String n = e.getName();
                if (!n.startsWith("org/membercore/") || !n.endsWith(".class") || n.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
                if (Modifier.isPublic(c.getModifiers()) && !c.isInterface() && !c.isEnum()) {
                    out.add(c);
                }
            }
        }
        assertTrue("no classes found in " + jar, out.size() > 50);
        return out;
    }

    private static Constructor<?> widest(Class<?> c) {
        Constructor<?> best = null;
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.isSynthetic()) {
                continue;
            }
            if (best == null || k.getParameterCount() > best.getParameterCount()) {
                best = k;
            }
        }
        if (best != null) {
            best.setAccessible(true);
        }
        return best;
    }

    /* A sample of type t; variant 0 and 1 differ, and equal variants give equal values. */
    private static Object sample(Class<?> t, int variant, int depth) throws Exception {
        if (t == int.class) {
            return 1 + variant;
        } else if (t == long.class) {
            return 1000L + variant;
        } else if (t == boolean.class) {
            return variant == 1;
        } else if (t == byte.class) {
            return (byte) (1 + variant);
        } else if (t == String.class || t == Object.class) {
            return variant == 0 ? "a" : "b";
        } else if (t.isEnum()) {
            return t.getEnumConstants()[variant];
        } else if (t.isArray()) {
            /* one length for all: parallel arrays; record arrays (String[] s, ...) are
             * indexed by constants, so long enough for those */
            int n = ARRAY_LENGTH;
            Object a = Array.newInstance(t.getComponentType(), n);
            for (int i = 0; i < n; i++) {
                /* the first element differs between the variants */
                Array.set(a, i, sample(t.getComponentType(), i == 0 ? variant : 0, depth + 1));
            }
            return a;
        } else if (t == List.class) {
            return variant == 0 ? new ArrayList<Object>() : new ArrayList<Object>(
                    Collections.singletonList("x"));
        } else if (t == Set.class) {
            return variant == 0 ? new HashSet<Object>() : new HashSet<Object>(
                    Collections.singleton("x"));
        } else if (t == Map.class) {
            return variant == 0 ? new TreeMap<Object, Object>()
                    : new TreeMap<Object, Object>(Collections.singletonMap("x", 1));
        } else if (t == EnumSet.class) {
            return null;
        } else if (depth < 12 && t.getName().startsWith("org.membercore.")) {
            Constructor<?> k = widest(t);
            if (k == null) {
                throw new AssertionError("no constructor for " + t);
            }
            Object[] args = new Object[k.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = sample(k.getParameterTypes()[i], variant, depth + 1);
            }
            return k.newInstance(args);
        }
        throw new AssertionError("no sample for " + t);
    }

    /* The nested Builder of a class built from one (its constructor takes the Builder). */
    private static Class<?> builderOf(Class<?> c) {
        for (Class<?> n : c.getDeclaredClasses()) {
            if (n.getSimpleName().equals("Builder")) {
                return n;
            }
        }
        return null;
    }

    /* The "arguments" of c: its widest constructor's, or its Builder's instance fields. */
    private static int argumentCount(Class<?> c) {
        Class<?> b = builderOf(c);
        return b != null ? builderFields(b).size() : widest(c).getParameterCount();
    }

    private static List<Field> builderFields(Class<?> b) {
        List<Field> out = new ArrayList<Field>();
        for (Field f : b.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static String argumentName(Class<?> c, int i) {
        Class<?> b = builderOf(c);
        return b != null ? "Builder." + builderFields(b).get(i).getName()
                : widest(c).getParameterTypes()[i].getSimpleName();
    }

    /* A c whose argument changed (-1: none) is variant 1, every other variant 0. */
    private static Object build(Class<?> c, int changed) throws Exception {
        Class<?> b = builderOf(c);
        try {
            if (b != null) {
                Constructor<?> bk = widest(b);
                Object[] args = new Object[bk.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = sample(bk.getParameterTypes()[i], 0, 0);
                }
                Object builder = bk.newInstance(args);
                List<Field> fields = builderFields(b);
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    f.set(builder, sample(f.getType(), i == changed ? 1 : 0, 0));
                }
                Method build = b.getMethod("build");
                return build.invoke(builder);
            }
            Constructor<?> k = widest(c);
            Object[] args = new Object[k.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                args[i] = sample(k.getParameterTypes()[i], i == changed ? 1 : 0, 0);
            }
            return k.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(c + " with argument " + changed + " changed: " + e.getCause(),
                    e.getCause());
        }
    }

    @Test
    public void everyValueClassComparesEveryField() throws Exception {
        Set<String> ignoredSeen = new TreeSet<String>();
        int classes = 0;
        for (Class<?> c : apiClasses()) {
            String name = c.getSimpleName();
            if (NOT_VALUES.contains(name) || Throwable.class.isAssignableFrom(c)) {
                continue;
            }
            Method eq = c.getMethod("equals", Object.class);
            Method hash = c.getMethod("hashCode");
            Method str = c.getMethod("toString");
            assertEquals(name + " does not override equals", c, eq.getDeclaringClass());
            assertEquals(name + " does not override hashCode", c, hash.getDeclaringClass());
            assertEquals(name + " does not override toString", c, str.getDeclaringClass());
            Object a = build(c, -1);
            Object b = build(c, -1);
            assertTrue(name, a != b);
            assertEquals(name, a, b);
            assertEquals(name, b, a);
            assertEquals(name, a.hashCode(), b.hashCode());
            assertEquals(name, a.toString(), b.toString());
            assertFalse(name, a.equals(null));
            assertFalse(name, a.equals("a"));
            for (int i = 0; i < argumentCount(c); i++) {
                String key = name + "#" + i;
                Object changed = build(c, i);
                if (IGNORED.containsKey(key)) {
                    assertEquals(key + ": " + IGNORED.get(key), a, changed);
                    ignoredSeen.add(key);
                } else {
                    assertNotEquals(key + " (" + argumentName(c, i) + ") is not compared by equals",
                            a, changed);
                }
            }
            classes++;
        }
        assertEquals(IGNORED.keySet(), ignoredSeen);
        assertTrue("only " + classes + " value classes", classes >= 60);
    }

    @Test
    public void representativeValues() {
        assertEquals(Page.first(20), Page.first(20));
        assertEquals(Page.first(20).hashCode(), Page.first(20).hashCode());
        assertNotEquals(Page.first(20), Page.first(21));
        assertNotEquals(Page.first(20), Page.after("c1", 20));
        assertEquals(Page.after("c1", 20), Page.after("c1", 20));

        assertEquals(PassItem.forGuest("2027-01-05", "Ravi", "r@example.com"),
                PassItem.forGuest("2027-01-05", "Ravi", "r@example.com"));
        assertNotEquals(PassItem.forSelf("2027-01-05"),
                PassItem.forGuest("2027-01-05", "Ravi", "r@example.com"));

        Cart c1 = Cart.builder("BLR-1").pass("2027-01-05").guestPass("2027-01-05", "A", "a@x.in")
                .build();
        Cart c2 = Cart.builder("BLR-1").pass("2027-01-05").guestPass("2027-01-05", "A", "a@x.in")
                .build();
        assertEquals(c1, c2);
        assertEquals(c1.hashCode(), c2.hashCode());
        assertNotEquals(c1, Cart.builder("BLR-1").pass("2027-01-05").build());

        BookingRequest r1 = BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "10:00").hours(2)
                .guest("A", "a@x.in").build();
        BookingRequest r2 = BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "10:00").hours(2)
                .guest("A", "a@x.in").build();
        assertEquals(r1, r2);
        assertNotEquals(r1, BookingRequest.builder("BLR-1-BOARD", "2027-01-07", "10:00").hours(3)
                .guest("A", "a@x.in").build());

        assertEquals(new Money(80000, "INR", "₹800.00"), new Money(80000, "INR", "₹800.00"));
        assertNotEquals(new Money(80000, "INR", "₹800.00"), new Money(80000, "GBP", "£800.00"));

        QrBitmap q1 = Access.qrBitmap("membercore", 2);
        QrBitmap q2 = Access.qrBitmap("membercore", 2);
        assertEquals(q1, q2); /* pixel arrays compared by content */
        assertEquals(q1.hashCode(), q2.hashCode());
        assertNotEquals(q1, Access.qrBitmap("membercore!", 2));

        /* a HashSet finds an equal value: what DiffUtil's areContentsTheSame relies on */
        Set<Object> set = new HashSet<Object>(Arrays.asList(Page.first(5), c1, r1));
        assertTrue(set.contains(Page.first(5)) && set.contains(c2) && set.contains(r2));
    }

    @Test
    public void theSameDataReadTwiceIsEqual() throws Exception {
        try (MemberCore core = TestSupport.signedInAndSynced(dir, stub, clock, TestSupport.ASHA)) {
            List<Building> a = core.buildings().list();
            List<Building> b = core.buildings().list();
            assertTrue(a.toString(), a.size() >= 2);
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertNotEquals(a.get(0), a.get(1));

            ListPage<Event> e1 = core.community().events(0, Page.first(50));
            ListPage<Event> e2 = core.community().events(0, Page.first(50));
            assertFalse(e1.getItems().isEmpty());
            assertEquals(e1, e2);
            assertEquals(core.auth().account(), core.auth().account());
            assertEquals(core.today(), core.today());

            /* an RSVP changes the event: the fresh read differs from the old one */
            Event before = e1.getItems().get(0);
            Rsvp next = before.getMyRsvp() == Rsvp.GOING ? Rsvp.NOT_GOING : Rsvp.GOING;
            core.community().rsvp(before.getId(), next);
            Event after = TestSupport.event(core, before.getId());
            assertNotEquals(before, after);
            assertEquals(after, TestSupport.event(core, before.getId()));
        } catch (MemberCoreException e) {
            fail(e.toString());
        }
    }
}
