package org.membercore;

import java.util.HashMap;
import java.util.Map;

/** An in-memory SecureStorage for tests; can be told to fail. */
final class MemoryStorage implements SecureStorage {
    private final Map<String, String> values = new HashMap<String, String>();
    volatile boolean failWrites;
    volatile int calls;

    @Override
    public synchronized String get(String key) {
        calls++;
        return values.get(key);
    }

    @Override
    public synchronized void set(String key, String value) throws Exception {
        calls++;
        if (failWrites) {
            throw new java.io.IOException("disk on fire");
        }
        values.put(key, value);
    }

    @Override
    public synchronized void delete(String key) throws Exception {
        calls++;
        if (failWrites) {
            throw new java.io.IOException("disk on fire");
        }
        values.remove(key);
    }

    synchronized String peek(String key) {
        return values.get(key);
    }
}
