package dev.idmap.cli.bench;

import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One benchmarked size of one product: how the simulator is scaled to it, which listings are its bulk reads and at
 * which documented page sizes, and the longest chain of dependent pages latency makes every client walk.
 */
public record Scenario(SimProduct product, long size) {

    /** Jira issues spread over this many projects (ten walks of the issue search per site). */
    static final int JIRA_PROJECTS = 10;

    /** Confluence: the simulator's large base has 100 global spaces and 200 personal spaces of 5 pages. */
    static final int CONFLUENCE_GLOBAL_SPACES = 100;

    static final int CONFLUENCE_PERSONAL_PAGES = 200 * 5;

    public Scenario {
        if (size < 1) {
            throw new IllegalArgumentException("a scenario needs a positive size, was " + size);
        }
        if (product == SimProduct.CONFLUENCE && size < CONFLUENCE_PERSONAL_PAGES + 3L * CONFLUENCE_GLOBAL_SPACES) {
            throw new IllegalArgumentException("Confluence scenarios start at "
                    + (CONFLUENCE_PERSONAL_PAGES + 3 * CONFLUENCE_GLOBAL_SPACES) + " pages, was " + size);
        }
    }

    /** {@code jira-100000}: the key of this scenario's results. */
    public String key() {
        return product.name().toLowerCase(Locale.ROOT) + "-" + size;
    }

    /** {@code Jira, 100,000 issues}. */
    public String title() {
        return switch (product) {
            case JIRA -> String.format(Locale.ROOT, "Jira, %,d issues", size);
            case CONFLUENCE -> String.format(Locale.ROOT, "Confluence, %,d pages", size);
        };
    }

    public SimScale scale() {
        return switch (product) {
            case JIRA -> SimScale.parse("small,projects=" + JIRA_PROJECTS + ",issuesPerProject=" + perContainer());
            case CONFLUENCE -> SimScale.parse("large,pagesPerSpace=" + perContainer());
        };
    }

    /** Issues per project, or pages per global space. */
    long perContainer() {
        return switch (product) {
            case JIRA -> Math.max(10, size / JIRA_PROJECTS);
            case CONFLUENCE -> (size - CONFLUENCE_PERSONAL_PAGES) / CONFLUENCE_GLOBAL_SPACES;
        };
    }

    /** The listings whose pages grow with the site, each with the page size its documentation allows. */
    List<BulkListing> bulkListings() {
        return switch (product) {
            case JIRA ->
                List.of(
                        // atlassian-rest.md §2.2: DC caps maxResults at 1000; Cloud returns at most 100 with fields
                        new BulkListing("DC issue search", Pattern.compile(".*/rest/api/2/search"), "issues", 1000),
                        new BulkListing(
                                "Cloud issue search", Pattern.compile(".*/rest/api/3/search/jql"), "issues", 100));
            case CONFLUENCE ->
                List.of(
                        // DC /content/scan and /content: limit up to 200; Cloud v2 pages/blogposts: limit up to 250
                        new BulkListing("DC content", Pattern.compile(".*/rest/api/content(/scan)?"), "results", 200),
                        new BulkListing(
                                "Cloud pages and blog posts",
                                Pattern.compile(".*/wiki/api/v2/spaces/[^/]+/(pages|blogposts)"),
                                "results",
                                250));
        };
    }

    /**
     * The pages of one container's walk form a chain (each page's cursor comes from the one before), so latency alone
     * keeps any client from finishing before the longest chain has been walked.
     */
    long longestChain() {
        return switch (product) {
            case JIRA -> Math.max(ceil(perContainer(), 1000), ceil(perContainer(), 100));
            case CONFLUENCE -> Math.max(ceil(perContainer(), 200), ceil(perContainer(), 250));
        };
    }

    static long ceil(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }

    /** A paged listing: requests whose path matches, the array holding the items, the documented largest page. */
    record BulkListing(String name, Pattern path, String itemsField, int maxPage) {}
}
