package dev.idmap.sim.http;

import java.util.List;

/**
 * An offset page request after the documented rules: a missing size gives the default, a size above the maximum is
 * silently capped (the response echoes the effective size), a negative start is refused.
 */
public record OffsetPage(long start, int size) {

    public static OffsetPage from(
            SimRequest request, String startParam, String sizeParam, int defaultSize, int maximumSize) {
        long start = request.longParam(startParam).orElse(0);
        if (start < 0) {
            throw SimHttpException.badRequest("The '" + startParam + "' parameter must not be negative.");
        }
        int size = request.intParam(sizeParam, defaultSize);
        if (size < 0) {
            size = defaultSize;
        }
        return new OffsetPage(start, Math.min(size, maximumSize));
    }

    public long end(long total) {
        return Math.min(total, start + size);
    }

    public boolean isLast(long total) {
        return start + size >= total;
    }

    public <T> List<T> slice(List<T> all) {
        if (start >= all.size()) {
            return List.of();
        }
        return all.subList((int) start, (int) end(all.size()));
    }
}
