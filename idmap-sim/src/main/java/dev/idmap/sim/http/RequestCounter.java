package dev.idmap.sim.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received per endpoint ({@code METHOD template}), whatever their outcome. */
public final class RequestCounter {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void record(String endpoint) {
        counts.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
    }

    /** A sorted copy of the counts. */
    public Map<String, Long> snapshot() {
        var copy = new TreeMap<String, Long>();
        counts.forEach((endpoint, count) -> copy.put(endpoint, count.sum()));
        return copy;
    }

    public void reset() {
        counts.clear();
    }
}
