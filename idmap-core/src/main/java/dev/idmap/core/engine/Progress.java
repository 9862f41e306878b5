package dev.idmap.core.engine;

/**
 * Where a run is.
 *
 * @param phase {@code CRAWL} (both sites at once), {@code USER_LOOKUP}, {@code MATCH}, {@code REPORT}
 * @param partsDone resumable parts finished
 * @param partsTotal resumable parts planned (0 while planning)
 * @param entitiesProcessed entities crawled or matched so far
 */
public record Progress(String phase, int partsDone, int partsTotal, long entitiesProcessed) {

    public int percent() {
        return partsTotal == 0 ? 0 : (int) Math.min(100, (100L * partsDone) / partsTotal);
    }
}
