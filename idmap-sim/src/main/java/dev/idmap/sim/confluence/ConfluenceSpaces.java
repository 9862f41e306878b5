package dev.idmap.sim.confluence;

import dev.idmap.sim.Expectation;
import dev.idmap.sim.confluence.ConfluencePeople.Account;
import dev.idmap.sim.confluence.ConfluencePeople.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spaces of both sites. Global spaces come first, then personal ones; each space owns a contiguous run of content
 * positions (its pages, then its blog posts), which is what lets content be derived from its position alone.
 */
final class ConfluenceSpaces {

    /**
     * A Data Center space. {@code firstPosition} is the position of its first page; {@code cloudId} and
     * {@code cloudFirstPosition} are set when it was migrated.
     */
    record Space(
            int index,
            long id,
            String key,
            String name,
            boolean personal,
            boolean archived,
            int owner,
            ConfluenceCase matchCase,
            long firstPosition,
            int pages,
            int blogPosts,
            Optional<Long> cloudId,
            String cloudKey,
            long cloudFirstPosition,
            Instant createdAt) {

        boolean migrated() {
            return cloudId.isPresent();
        }

        String type() {
            return personal ? "personal" : "global";
        }

        String status() {
            return archived ? "archived" : "current";
        }

        long contentCount() {
            return (long) pages + blogPosts;
        }

        /**
         * The user who created the space (DC {@code creator}): a personal space's owner, a global space's home page
         * author. The migration keeps the creator: Cloud shows this user's account as the space's {@code authorId}.
         */
        int creator(ConfluenceContent.Content home) {
            return personal ? owner : home.author();
        }
    }

    /** A space that only Cloud has, created after the migration. */
    record CloudOnlySpace(long id, String key, String name, Instant createdAt, String authorId) {}

    static final long DC_SPACE_BASE = 98_305;
    static final long CLOUD_SPACE_BASE = 1_933_313;
    static final Instant EPOCH = Instant.parse("2018-01-08T09:00:00Z");
    static final Instant MIGRATED_AT = Instant.parse("2025-03-03T08:00:00Z");

    private static final String[][] GLOBAL = {
        {"ENG", "Engineering"}, {"MKT", "Marketing"}, {"OPS", "Operations"}, {"HR", "People Team"},
        {"SUP", "Support Knowledge Base"}, {"FIN", "Finance"}, {"DOC", "Product Documentation"}, {"QA", "Quality"},
        {"DES", "Design System"}, {"SEC", "Security"}, {"LEG", "Legal"}, {"RND", "Research"}
    };

    private final List<Space> spaces = new ArrayList<>();
    private final List<Space> migrated = new ArrayList<>();
    private final List<CloudOnlySpace> cloudOnly = new ArrayList<>();
    private final Map<String, Space> byKey = new HashMap<>();
    private final long contentCount;
    private final long migratedContentCount;

    ConfluenceSpaces(long seed, ConfluenceSize size, ConfluencePeople people) {
        long position = 0;
        long cloudPosition = 0;
        int cloudIndex = 0;
        int total = size.globalSpaces() + size.personalSpaces();
        for (int i = 0; i < total; i++) {
            boolean personal = i >= size.globalSpaces();
            int pages = personal ? size.pagesPerPersonalSpace() : size.pagesPerSpace();
            int blogs = personal ? size.blogPostsPerPersonalSpace() : size.blogPostsPerSpace();
            String key;
            String name;
            int owner = -1;
            ConfluenceCase matchCase;
            String cloudKey;
            if (personal) {
                int j = i - size.globalSpaces();
                owner = ownerOfPersonalSpace(j);
                User user = people.user(owner);
                key = "~" + user.username();
                name = user.displayName();
                Optional<Account> account = user.account();
                matchCase = account.isPresent()
                        ? ConfluenceCase.SPACE_PERSONAL_REKEYED
                        : ConfluenceCase.SPACE_PERSONAL_OWNER_NOT_MIGRATED;
                cloudKey = account.map(Account::personalSpaceKey).orElse("");
            } else {
                String[] base = GLOBAL[i % GLOBAL.length];
                int round = i / GLOBAL.length;
                key = base[0] + (round > 0 ? Integer.toString(round + 1) : "");
                name = base[1] + (round > 0 ? " " + (round + 1) : "");
                matchCase = switch (i % 6) {
                    case 4 -> ConfluenceCase.SPACE_ARCHIVED;
                    case 5 -> ConfluenceCase.SPACE_NOT_MIGRATED;
                    default -> ConfluenceCase.SPACE_KEY_KEPT;
                };
                cloudKey = key;
            }
            boolean isMigrated = matchCase.expectation() == Expectation.MATCH;
            Optional<Long> cloudId = isMigrated ? Optional.of(CLOUD_SPACE_BASE + cloudIndex++) : Optional.empty();
            Space space = new Space(
                    i,
                    DC_SPACE_BASE + i,
                    key,
                    name,
                    personal,
                    matchCase == ConfluenceCase.SPACE_ARCHIVED,
                    owner,
                    matchCase,
                    position,
                    pages,
                    blogs,
                    cloudId,
                    cloudKey,
                    isMigrated ? cloudPosition : -1,
                    EPOCH.plus(Duration.ofDays(i)).plusSeconds(Seeded.below(Seeded.mix(seed, 11, i), 3_600)));
            spaces.add(space);
            byKey.put(key, space);
            position += space.contentCount();
            if (isMigrated) {
                migrated.add(space);
                cloudPosition += space.contentCount();
            }
        }
        this.contentCount = position;
        this.migratedContentCount = cloudPosition;
        int cloudSpaces = Math.max(1, size.globalSpaces() / 6);
        List<Account> accounts = people.accounts();
        for (int c = 0; c < cloudSpaces; c++) {
            cloudOnly.add(new CloudOnlySpace(
                    CLOUD_SPACE_BASE + cloudIndex++,
                    "NEW" + (c + 1),
                    "Cloud Team " + (c + 1),
                    MIGRATED_AT.plus(Duration.ofDays(3 + c)),
                    accounts.get(accounts.size() - 1).accountId()));
        }
    }

    /** Personal spaces come in blocks of four owned by slots 0, 3, 5 and 11 of a block of users. */
    static int ownerOfPersonalSpace(int j) {
        int[] slots = {0, 3, 5, 11};
        return (j / 4) * ConfluencePeople.BLOCK + slots[j % 4];
    }

    List<Space> all() {
        return spaces;
    }

    List<Space> migrated() {
        return migrated;
    }

    List<CloudOnlySpace> cloudOnly() {
        return cloudOnly;
    }

    Optional<Space> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    Optional<Space> byId(long id) {
        long i = id - DC_SPACE_BASE;
        return i >= 0 && i < spaces.size() ? Optional.of(spaces.get((int) i)) : Optional.empty();
    }

    long contentCount() {
        return contentCount;
    }

    long migratedContentCount() {
        return migratedContentCount;
    }

    /** The space that holds source content position {@code position}. */
    Space atPosition(long position) {
        int low = 0;
        int high = spaces.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (spaces.get(mid).firstPosition() <= position) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return spaces.get(low);
    }

    /** The migrated space that holds Cloud content position {@code cloudPosition}. */
    Space atCloudPosition(long cloudPosition) {
        int low = 0;
        int high = migrated.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (migrated.get(mid).cloudFirstPosition() <= cloudPosition) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return migrated.get(low);
    }
}
