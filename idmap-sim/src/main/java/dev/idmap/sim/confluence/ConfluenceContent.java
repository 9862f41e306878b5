package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluenceSpaces.CloudOnlySpace;
import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pages, blog posts, attachments and comments, derived on demand from a content position and the seed; nothing is
 * stored per entity. Each position owns eight consecutive ids on both sites: the content itself (slot 0), up to three
 * attachments (slots 1-3) and up to four comments (slots 4-7: footer, its reply, inline, then an inline reply or a
 * duplicate submission of the footer comment). Data Center id = {@link #DC_BASE} + 8 x position + slot; Cloud id =
 * {@link #CLOUD_BASE} + 8 x Cloud position + slot, Cloud positions skipping the spaces left behind.
 */
final class ConfluenceContent {

    enum Kind {
        PAGE("page"),
        BLOGPOST("blogpost");

        final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }
    }

    enum Location {
        FOOTER,
        INLINE
    }

    /** A page or blog post of the Data Center site (and, when its space was migrated, of Cloud). */
    record Content(
            long position,
            Space space,
            Kind kind,
            int indexInSpace,
            String title,
            Instant createdAt,
            int author,
            int version,
            ConfluenceCase matchCase) {

        long dcId() {
            return DC_BASE + position * 8;
        }

        boolean migrated() {
            return space.migrated();
        }

        long cloudPosition() {
            return space.cloudFirstPosition() + (position - space.firstPosition());
        }

        long cloudId() {
            return CLOUD_BASE + cloudPosition() * 8;
        }

        boolean isPage() {
            return kind == Kind.PAGE;
        }
    }

    record Attachment(
            Content container,
            int slot,
            String fileName,
            String mediaType,
            long fileSize,
            Instant createdAt,
            int author,
            ConfluenceCase matchCase) {

        long dcId() {
            return container.dcId() + slot;
        }

        long cloudId() {
            return container.cloudId() + slot;
        }
    }

    record Comment(
            Content container,
            int slot,
            Location location,
            int parentSlot,
            Instant createdAt,
            int author,
            String body,
            ConfluenceCase matchCase) {

        long dcId() {
            return container.dcId() + slot;
        }

        long cloudId() {
            return container.cloudId() + slot;
        }

        boolean isReply() {
            return parentSlot > 0;
        }

        long dcParentId() {
            return container.dcId() + parentSlot;
        }

        long cloudParentId() {
            return container.cloudId() + parentSlot;
        }
    }

    /** A page created on Cloud after the migration; it has no source counterpart. */
    record CloudOnlyPage(
            long id,
            long spaceId,
            String spaceKey,
            String title,
            OptionalLong parentId,
            Instant createdAt,
            String authorId) {}

    static final long DC_BASE = 65_536;
    static final long CLOUD_BASE = 3_221_225_472L;

    private static final String[] TOPICS = {
        "Architecture decision", "Meeting notes", "How-to", "Retrospective", "Requirements", "Runbook",
        "Release notes", "Onboarding guide", "Troubleshooting", "Roadmap", "Design review", "Postmortem"
    };
    private static final String[] BLOG_TOPICS = {
        "Team news", "Release announcement", "Lessons learned", "Customer story", "Engineering blog"
    };
    private static final String[] FILES = {
        "requirements.pdf", "diagram.png", "meeting-notes.docx", "screenshot.png",
        "budget.xlsx", "image.png", "architecture.svg", "export.csv"
    };
    private static final String[] BODIES = {
        "Looks good to me.",
        "Can we add an example here?",
        "Updated, thanks!",
        "See the linked ticket.",
        "Should this mention the rollback plan?",
        "+1"
    };
    static final String WEEKLY_UPDATE = "Weekly update";
    private static final Instant EPOCH_DAY = Instant.parse("2019-02-04T00:00:00Z");

    private final long seed;
    private final ConfluenceSpaces spaces;
    private final ConfluencePeople people;
    private final List<CloudOnlyPage> cloudOnlyPages = new ArrayList<>();

    ConfluenceContent(long seed, ConfluenceSpaces spaces, ConfluencePeople people) {
        this.seed = seed;
        this.spaces = spaces;
        this.people = people;
        buildCloudOnlyPages();
    }

    long count() {
        return spaces.contentCount();
    }

    /** The content at a source position. */
    Content at(long position) {
        Space space = spaces.atPosition(position);
        int k = (int) (position - space.firstPosition());
        long h = Seeded.mix(seed, 21, position);
        int author = people.migratedAuthor(h);
        int version = 1 + Seeded.below(h >>> 3, 5);
        if (k < space.pages()) {
            String title = k == 0
                    ? space.name() + " Home"
                    : TOPICS[Seeded.below(Seeded.mix(seed, 22, space.index(), k), TOPICS.length)] + " " + k;
            Instant created = space.createdAt()
                    .plus(Duration.ofMinutes(53L * k))
                    .plusSeconds(Seeded.below(h >>> 11, 3_000))
                    .plusMillis(Seeded.below(h >>> 17, 1_000));
            return new Content(position, space, Kind.PAGE, k, title, created, author, version, pageCase(space, k));
        }
        int b = k - space.pages();
        String title = b % 4 == 0 ? WEEKLY_UPDATE : BLOG_TOPICS[b % BLOG_TOPICS.length] + " #" + b;
        // blog posts at 10:00-10:59 UTC on distinct days: the posting day is the same in UTC and in server time
        Instant created = EPOCH_DAY
                .plus(Duration.ofDays(space.index() % 40 + 3L * b))
                .plus(Duration.ofHours(10))
                .plusSeconds(Seeded.below(h >>> 11, 3_600))
                .plusMillis(Seeded.below(h >>> 17, 1_000));
        return new Content(position, space, Kind.BLOGPOST, b, title, created, author, version, blogCase(space, b));
    }

    private static ConfluenceCase pageCase(Space space, int k) {
        if (!space.migrated()) {
            return ConfluenceCase.PAGE_IN_UNMIGRATED_SPACE;
        }
        if (isDuplicatedInCloud(space, k)) {
            return ConfluenceCase.PAGE_TITLE_DUPLICATED_IN_CLOUD;
        }
        return space.personal() ? ConfluenceCase.PAGE_IN_PERSONAL_SPACE : ConfluenceCase.PAGE_MIGRATED;
    }

    private static ConfluenceCase blogCase(Space space, int b) {
        if (!space.migrated()) {
            return ConfluenceCase.BLOGPOST_IN_UNMIGRATED_SPACE;
        }
        return b % 4 == 0 && space.blogPosts() > 4
                ? ConfluenceCase.BLOGPOST_SAME_TITLE_OTHER_DAY
                : ConfluenceCase.BLOGPOST_MIGRATED;
    }

    /** The last page of every third migrated global space got a namesake on Cloud after the migration. */
    static boolean isDuplicatedInCloud(Space space, int k) {
        return !space.personal() && space.migrated() && space.index() % 3 == 0 && k == space.pages() - 1;
    }

    /** The second page of every other migrated global space carries one comment submitted twice. */
    static boolean hasDuplicateSubmission(Space space, int k) {
        return !space.personal() && space.migrated() && space.index() % 2 == 0 && k == 1;
    }

    Optional<Content> byDcId(long id) {
        long r = id - DC_BASE;
        if (r < 0 || r % 8 != 0 || r / 8 >= count()) {
            return Optional.empty();
        }
        return Optional.of(at(r / 8));
    }

    /** The migrated content with this Cloud id, if it is one (Cloud-only pages are found by {@link #cloudOnlyPage}). */
    Optional<Content> byCloudId(long id) {
        long r = id - CLOUD_BASE;
        if (r < 0 || r % 8 != 0 || r / 8 >= spaces.migratedContentCount()) {
            return Optional.empty();
        }
        return Optional.of(atCloudPosition(r / 8));
    }

    Content atCloudPosition(long cloudPosition) {
        Space space = spaces.atCloudPosition(cloudPosition);
        return at(space.firstPosition() + (cloudPosition - space.cloudFirstPosition()));
    }

    Optional<CloudOnlyPage> cloudOnlyPage(long id) {
        long r = id - CLOUD_BASE;
        long first = spaces.migratedContentCount();
        if (r < 0 || r % 8 != 0 || r / 8 < first || r / 8 - first >= cloudOnlyPages.size()) {
            return Optional.empty();
        }
        return Optional.of(cloudOnlyPages.get((int) (r / 8 - first)));
    }

    List<CloudOnlyPage> cloudOnlyPages() {
        return cloudOnlyPages;
    }

    /** The parent page's index in its space: a four-way tree under the space home page. */
    static int parentIndex(int k) {
        return (k - 1) / 4;
    }

    Content parentOf(Content page) {
        return at(page.space().firstPosition() + parentIndex(page.indexInSpace()));
    }

    /** The page's ancestors, root first. */
    List<Content> ancestors(Content page) {
        var chain = new ArrayList<Content>();
        int k = page.indexInSpace();
        while (page.isPage() && k > 0) {
            k = parentIndex(k);
            chain.addFirst(at(page.space().firstPosition() + k));
        }
        return chain;
    }

    List<Attachment> attachments(Content content) {
        if (content.matchCase() == ConfluenceCase.PAGE_TITLE_DUPLICATED_IN_CLOUD) {
            return List.of();
        }
        long h = Seeded.mix(seed, 23, content.position());
        int count = Seeded.below(h, 4);
        var attachments = new ArrayList<Attachment>(count);
        for (int i = 0; i < count; i++) {
            String file = FILES[(Seeded.below(h >>> 5, FILES.length) + 3 * i) % FILES.length];
            ConfluenceCase matchCase = !content.migrated()
                    ? ConfluenceCase.ATTACHMENT_IN_UNMIGRATED_SPACE
                    : content.isPage() ? ConfluenceCase.ATTACHMENT_ON_PAGE : ConfluenceCase.ATTACHMENT_ON_BLOGPOST;
            attachments.add(new Attachment(
                    content,
                    1 + i,
                    file,
                    mediaType(file),
                    1_024 + Seeded.below(Seeded.mix(h, i), 2_000_000),
                    content.createdAt().plus(Duration.ofMinutes(5L + 7L * i)),
                    content.author(),
                    matchCase));
        }
        return attachments;
    }

    Optional<Attachment> attachment(Content content, int slot) {
        return attachments(content).stream().filter(a -> a.slot() == slot).findFirst();
    }

    /** The comments of a page or blog post in slot order (a parent always before its replies). */
    List<Comment> comments(Content content) {
        if (content.matchCase() == ConfluenceCase.PAGE_TITLE_DUPLICATED_IN_CLOUD) {
            return List.of();
        }
        long h = Seeded.mix(seed, 24, content.position());
        boolean duplicate = content.isPage() && hasDuplicateSubmission(content.space(), content.indexInSpace());
        boolean footer = duplicate || Seeded.below(h, 3) != 0;
        boolean footerReply = footer && !duplicate && Seeded.below(h >>> 8, 4) == 0;
        boolean inline = content.isPage() && Seeded.below(h >>> 16, 4) == 1;
        boolean inlineReply = inline && !duplicate && Seeded.below(h >>> 24, 2) == 0;
        var comments = new ArrayList<Comment>(4);
        Instant base = content.createdAt().plus(Duration.ofHours(2)).plusSeconds(Seeded.below(h >>> 32, 7_200));
        if (footer) {
            comments.add(comment(content, h, 4, Location.FOOTER, 0, base, duplicate));
        }
        if (footerReply) {
            comments.add(comment(content, h, 5, Location.FOOTER, 4, base.plus(Duration.ofMinutes(47)), false));
        }
        if (inline) {
            comments.add(comment(content, h, 6, Location.INLINE, 0, base.plus(Duration.ofHours(3)), false));
        }
        if (duplicate) {
            // the same comment submitted twice: same author, same instant, same text
            comments.add(comment(content, h, 7, Location.FOOTER, 0, base, true));
        } else if (inlineReply) {
            comments.add(comment(content, h, 7, Location.INLINE, 6, base.plus(Duration.ofHours(5)), false));
        }
        return comments;
    }

    Optional<Comment> comment(Content content, int slot) {
        return comments(content).stream().filter(c -> c.slot() == slot).findFirst();
    }

    private Comment comment(
            Content content, long h, int slot, Location location, int parentSlot, Instant at, boolean duplicate) {
        int author = duplicate ? people.migratedAuthor(Seeded.mix(h, 4)) : people.migratedAuthor(Seeded.mix(h, slot));
        String body = BODIES[Seeded.below(Seeded.mix(h, duplicate ? 4 : slot, 1), BODIES.length)];
        ConfluenceCase matchCase;
        if (!content.migrated()) {
            matchCase = ConfluenceCase.COMMENT_IN_UNMIGRATED_SPACE;
        } else if (duplicate) {
            matchCase = ConfluenceCase.COMMENT_DUPLICATE_SUBMISSION;
        } else {
            matchCase = switch (slot) {
                case 4 -> ConfluenceCase.COMMENT_FOOTER;
                case 5 -> ConfluenceCase.COMMENT_FOOTER_REPLY;
                case 6 -> ConfluenceCase.COMMENT_INLINE;
                default -> ConfluenceCase.COMMENT_INLINE_REPLY;
            };
        }
        return new Comment(content, slot, location, parentSlot, at, author, body, matchCase);
    }

    static String mediaType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "pdf" -> "application/pdf";
            case "png" -> "image/png";
            case "svg" -> "image/svg+xml";
            case "csv" -> "text/csv";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            default -> "application/octet-stream";
        };
    }

    /**
     * Cloud-only pages, with ids after every migrated id: one namesake per duplicated page (same space, same title,
     * same parent), one new page under the home page of each migrated global space, and three pages per Cloud-only
     * space.
     */
    private void buildCloudOnlyPages() {
        long next = CLOUD_BASE + spaces.migratedContentCount() * 8;
        String author = people.accounts().getLast().accountId();
        Instant created = ConfluenceSpaces.MIGRATED_AT.plus(Duration.ofDays(1));
        for (Space space : spaces.migrated()) {
            if (space.personal()) {
                continue;
            }
            Content home = at(space.firstPosition());
            long spaceId = space.cloudId().orElseThrow();
            if (isDuplicatedInCloud(space, space.pages() - 1)) {
                Content original = at(space.firstPosition() + space.pages() - 1);
                Content parent = parentOf(original);
                cloudOnlyPages.add(new CloudOnlyPage(
                        next,
                        spaceId,
                        space.cloudKey(),
                        original.title(),
                        OptionalLong.of(parent.cloudId()),
                        created.plus(Duration.ofHours(space.index())),
                        author));
                next += 8;
            }
            cloudOnlyPages.add(new CloudOnlyPage(
                    next,
                    spaceId,
                    space.cloudKey(),
                    "Post-migration checklist",
                    OptionalLong.of(home.cloudId()),
                    created.plus(Duration.ofHours(space.index()).plusMinutes(30)),
                    author));
            next += 8;
        }
        for (CloudOnlySpace space : spaces.cloudOnly()) {
            long home = next;
            cloudOnlyPages.add(new CloudOnlyPage(
                    next,
                    space.id(),
                    space.key(),
                    space.name() + " Home",
                    OptionalLong.empty(),
                    space.createdAt(),
                    space.authorId()));
            next += 8;
            for (int i = 1; i <= 2; i++) {
                cloudOnlyPages.add(new CloudOnlyPage(
                        next,
                        space.id(),
                        space.key(),
                        TOPICS[i] + " " + i,
                        OptionalLong.of(home),
                        space.createdAt().plus(Duration.ofHours(i)),
                        space.authorId()));
                next += 8;
            }
        }
    }

    /** The home page id of a Cloud-only space. */
    long cloudOnlyHomepage(CloudOnlySpace space) {
        return cloudOnlyPages.stream()
                .filter(p -> p.spaceId() == space.id() && p.parentId().isEmpty())
                .findFirst()
                .orElseThrow()
                .id();
    }
}
