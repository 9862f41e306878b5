package dev.idmap.sim.confluence;

import dev.idmap.sim.SimScale;
import java.util.Map;
import java.util.Set;

/**
 * The size knobs of a generated Confluence migration. Users come in blocks of 20 (each block holds every user case),
 * personal spaces in blocks of 4 owned by users of one block, so {@code personalSpaces <= users / 20 * 4}.
 */
public record ConfluenceSize(
        int users,
        int groups,
        int globalSpaces,
        int pagesPerSpace,
        int blogPostsPerSpace,
        int personalSpaces,
        int pagesPerPersonalSpace,
        int blogPostsPerPersonalSpace) {

    public static final ConfluenceSize SMALL = new ConfluenceSize(40, 8, 6, 30, 8, 4, 5, 2);
    public static final ConfluenceSize MEDIUM = new ConfluenceSize(400, 40, 24, 400, 40, 40, 10, 4);
    /** 100 x 1,990 + 200 x 5 = 200,000 pages. */
    public static final ConfluenceSize LARGE = new ConfluenceSize(10_000, 200, 100, 1_990, 100, 200, 5, 2);

    private static final Set<String> KNOBS = Set.of(
            "users",
            "groups",
            "globalSpaces",
            "pagesPerSpace",
            "blogPostsPerSpace",
            "personalSpaces",
            "pagesPerPersonalSpace",
            "blogPostsPerPersonalSpace");

    public ConfluenceSize {
        require(users >= 20, "users must be at least 20");
        require(groups >= 1, "groups must be at least 1");
        require(globalSpaces >= 1, "globalSpaces must be at least 1");
        require(pagesPerSpace >= 3, "pagesPerSpace must be at least 3");
        require(blogPostsPerSpace >= 0, "blogPostsPerSpace must not be negative");
        require(
                personalSpaces >= 0 && personalSpaces <= users / 20 * 4,
                "personalSpaces must be within [0, users / 20 * 4]");
        require(pagesPerPersonalSpace >= 1, "pagesPerPersonalSpace must be at least 1");
        require(blogPostsPerPersonalSpace >= 0, "blogPostsPerPersonalSpace must not be negative");
        require(
                (long) globalSpaces * pagesPerSpace + (long) personalSpaces * pagesPerPersonalSpace <= 50_000_000L,
                "at most 50,000,000 pages");
    }

    /** The base size named by {@code scale} with its knob overrides; unknown knobs are refused. */
    public static ConfluenceSize of(SimScale scale) {
        for (String knob : scale.overrides().keySet()) {
            require(KNOBS.contains(knob), "unknown Confluence knob '" + knob + "'; known: " + KNOBS);
        }
        ConfluenceSize base =
                Map.of("small", SMALL, "medium", MEDIUM, "large", LARGE).get(scale.base());
        return new ConfluenceSize(
                knob(scale, "users", base.users),
                knob(scale, "groups", base.groups),
                knob(scale, "globalSpaces", base.globalSpaces),
                knob(scale, "pagesPerSpace", base.pagesPerSpace),
                knob(scale, "blogPostsPerSpace", base.blogPostsPerSpace),
                knob(scale, "personalSpaces", base.personalSpaces),
                knob(scale, "pagesPerPersonalSpace", base.pagesPerPersonalSpace),
                knob(scale, "blogPostsPerPersonalSpace", base.blogPostsPerPersonalSpace));
    }

    public long pages() {
        return (long) globalSpaces * pagesPerSpace + (long) personalSpaces * pagesPerPersonalSpace;
    }

    private static int knob(SimScale scale, String name, int base) {
        long value = scale.knob(name, base);
        require(value >= 0 && value <= Integer.MAX_VALUE, name + " is out of range");
        return (int) value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
