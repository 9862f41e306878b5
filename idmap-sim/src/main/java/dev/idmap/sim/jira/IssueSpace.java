package dev.idmap.sim.jira;

import dev.idmap.sim.Expectation;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.jira.Records.IssueType;
import dev.idmap.sim.jira.Records.Project;
import dev.idmap.sim.jira.Records.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issues and what hangs off them (comments, worklogs, attachments, links), derived on demand from (seed, project,
 * issue number) so that a million issues cost no memory. A migrated Cloud issue is its Data Center source with Cloud
 * ids; Cloud-only projects derive their own.
 */
final class IssueSpace {

    /** Child ids are {@code 10000 + issueIndex * STRIDE + n}: at most nine children of a kind per issue. */
    static final int STRIDE = 10;

    static final long ISSUE_BASE = 10000;

    record Issue(
            Project project,
            int number,
            long id,
            String key,
            long typeId,
            long statusId,
            long priorityId,
            long resolutionId,
            String reporterRef,
            String assigneeRef,
            Instant created,
            Instant updated,
            String summary,
            int comments,
            int worklogs,
            int attachments,
            Optional<String> historicalKey) {}

    record Comment(long id, String authorRef, Instant created, String body) {}

    record Worklog(long id, String authorRef, Instant started, long timeSpentSeconds, String comment) {}

    record Attachment(long id, String filename, long size, Instant created, String authorRef, String mimeType) {}

    /** A link as seen from {@code from}: outward when {@code from} is its source. */
    record Link(long id, long typeId, boolean outward, long otherId, String otherKey) {}

    private static final String[] VERBS = {"Fix", "Add", "Remove", "Investigate", "Refactor", "Document", "Speed up"};
    private static final String[] NOUNS = {
        "login flow", "export job", "search index", "billing report", "webhook retries", "user avatars", "audit log"
    };
    private static final int MOVED_ISSUES = 3;

    private final JiraWorld world;
    private final long seed;

    private final List<String> dcAuthors;
    private final List<String> cloudAuthors;
    private final List<String> cloudNativeAuthors;

    IssueSpace(JiraWorld world) {
        this.world = world;
        this.seed = world.scenario.seed();
        this.dcAuthors = world.authors.stream().map(Records.User::ref).toList();
        this.cloudAuthors = world.authors.stream()
                .map(u -> world.accountOfUser.get(u.ref()))
                .toList();
        this.cloudNativeAuthors =
                world.cloud.users.subList(0, 3).stream().map(Records.User::ref).toList();
        this.dcStandardTypes =
                world.dc.issueTypes.stream().filter(t -> !t.subtask()).toList();
        this.dcSubtaskType = world.dc.issueTypes.stream()
                .filter(IssueType::subtask)
                .findFirst()
                .orElseThrow()
                .id();
    }

    private final List<IssueType> dcStandardTypes;

    /** Every tenth DC issue is a sub-task (its {@code parent} field is not rendered). */
    private static final int SUBTASK_EVERY = 10;

    private final long dcSubtaskType;

    JiraSite site(boolean cloud) {
        return cloud ? world.cloud : world.dc;
    }

    // ---- issues ----

    Issue issue(JiraSite site, Project project, int number) {
        if (!site.cloud) {
            return dcIssue(project, number);
        }
        if (project.sourceIndex() < 0) {
            return cloudOnlyIssue(project, number);
        }
        Issue source = dcIssue(world.dcProjectsByIndex().get(project.sourceIndex()), number);
        return new Issue(
                project,
                number,
                project.issueId(number),
                source.key(),
                world.issueTypeMap.get(source.typeId()),
                world.statusMap.get(source.statusId()),
                world.priorityMap.get(source.priorityId()),
                source.resolutionId() == 0 ? 0 : world.resolutionMap.get(source.resolutionId()),
                world.accountOfUser.get(source.reporterRef()),
                world.accountOfUser.get(source.assigneeRef()),
                source.created(),
                source.updated(),
                source.summary(),
                source.comments(),
                source.worklogs(),
                source.attachments(),
                source.historicalKey());
    }

    private Issue dcIssue(Project project, int number) {
        long h = Ids.mix(seed, project.id(), number);
        List<IssueType> types = dcStandardTypes;
        List<Status> statuses = world.dc.statuses;
        Status status = statuses.get(Ids.pick(h, 8, statuses.size()));
        long resolution = status.category().equals("done")
                ? world.dc
                        .resolutions
                        .get(Ids.pick(h, 16, world.dc.resolutions.size()))
                        .id()
                : 0;
        var authors = world.authors;
        Instant created =
                JiraWorld.EPOCH.plus(Duration.ofDays(project.sourceIndex())).plus(Duration.ofMinutes(37L * number));
        int maxComments = world.scenario.maxCommentsPerIssue();
        int comments = Ids.pick(h, 44, maxComments + 1);
        if (isDuplicateCommentIssue(project, number)) {
            comments = Math.max(2, comments);
        }
        return new Issue(
                project,
                number,
                project.issueId(number),
                project.key() + "-" + number,
                number % SUBTASK_EVERY == 0
                        ? dcSubtaskType
                        : types.get(Ids.pick(h, 0, types.size())).id(),
                status.id(),
                world.dc
                        .priorities
                        .get(Ids.pick(h, 24, world.dc.priorities.size()))
                        .id(),
                resolution,
                authors.get(Ids.pick(h, 32, authors.size())).ref(),
                authors.get(Ids.pick(h, 38, authors.size())).ref(),
                created,
                created.plus(Duration.ofMinutes(Ids.pick(h, 12, 5000))),
                VERBS[Ids.pick(h, 50, VERBS.length)] + " " + NOUNS[Ids.pick(h, 54, NOUNS.length)] + " (" + number + ")",
                comments,
                Ids.pick(h, 58, world.scenario.maxWorklogsPerIssue() + 1),
                Ids.pick(h, 61, world.scenario.maxAttachmentsPerIssue() + 1),
                historicalKey(project, number));
    }

    private Issue cloudOnlyIssue(Project project, int number) {
        long h = Ids.mix(seed, project.id() * 31, number);
        List<IssueType> types = world.cloud.issueTypes.stream()
                .filter(t -> !t.subtask() && t.scopeProjectId() == (project.teamManaged() ? project.id() : 0))
                .toList();
        List<Status> statuses = world.cloud.statuses.stream()
                .filter(s -> s.scopeProjectId() == (project.teamManaged() ? project.id() : 0))
                .toList();
        Status status = statuses.get(Ids.pick(h, 8, statuses.size()));
        String author = world.cloud.users.get(Ids.pick(h, 32, 3)).ref();
        Instant created = JiraWorld.EPOCH.plus(Duration.ofDays(400)).plus(Duration.ofHours(number));
        return new Issue(
                project,
                number,
                project.issueId(number),
                project.key() + "-" + number,
                types.get(Ids.pick(h, 0, types.size())).id(),
                status.id(),
                world.cloud.priorities.get(Ids.pick(h, 24, 5)).id(),
                status.category().equals("done")
                        ? world.cloud.resolutions.getFirst().id()
                        : 0,
                author,
                author,
                created,
                created.plus(Duration.ofMinutes(5)),
                "Cloud-native work item " + number,
                Ids.pick(h, 44, 2),
                0,
                0,
                Optional.empty());
    }

    /** The first issues of the second project were moved there from the first project and kept their old keys. */
    private Optional<String> historicalKey(Project project, int number) {
        if (project.sourceIndex() != 1 || number > MOVED_ISSUES) {
            return Optional.empty();
        }
        Project from = world.dcProjectsByIndex().get(0);
        return Optional.of(from.key() + "-" + (from.issueCount() + number));
    }

    private boolean isDuplicateCommentIssue(Project project, int number) {
        return project.sourceIndex() == 0 && number == 3;
    }

    Optional<Issue> byId(JiraSite site, long id) {
        for (Project p : site.projects) {
            if (id >= p.firstIssueId() && id < p.firstIssueId() + p.issueCount()) {
                return Optional.of(issue(site, p, (int) (id - p.firstIssueId() + 1)));
            }
        }
        return Optional.empty();
    }

    /** By id, current key, or historical key (moved issues), as {@code GET /issue/{issueIdOrKey}} resolves them. */
    Optional<Issue> byIdOrKey(JiraSite site, String idOrKey) {
        if (idOrKey.chars().allMatch(Character::isDigit) && !idOrKey.isEmpty()) {
            try {
                return byId(site, Long.parseLong(idOrKey));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        int dash = idOrKey.lastIndexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        String projectKey = idOrKey.substring(0, dash).toUpperCase(Locale.ROOT);
        int number;
        try {
            number = Integer.parseInt(idOrKey.substring(dash + 1));
        } catch (NumberFormatException notAKey) {
            return Optional.empty();
        }
        Optional<Project> project = site.project(projectKey);
        if (project.isEmpty() || number < 1) {
            return Optional.empty();
        }
        Project p = project.get();
        if (number <= p.issueCount()) {
            return Optional.of(issue(site, p, number));
        }
        Project first = world.dcProjectsByIndex().get(0);
        int moved = number - first.issueCount();
        if (p.key().equals(first.key()) && moved >= 1 && moved <= MOVED_ISSUES) {
            Project second = world.dcProjectsByIndex().get(1);
            return site.project(second.key()).map(target -> issue(site, target, moved));
        }
        return Optional.empty();
    }

    // ---- children ----

    private long childBase(JiraSite site, Issue issue) {
        return 10000 + (issue.id() - ISSUE_BASE) * STRIDE;
    }

    List<Comment> comments(JiraSite site, Issue issue) {
        var comments = new ArrayList<Comment>(issue.comments());
        var authors = authorsOf(site, issue);
        Project source = sourceProject(site, issue);
        boolean twins = source != null && isDuplicateCommentIssue(source, issue.number());
        for (int j = 0; j < issue.comments(); j++) {
            // The first two comments of the duplicate-comment issue are identical: same author, time and body.
            int basis = twins && j < 2 ? 0 : j;
            long h = Ids.mix(seed, sourceIssueId(site, issue), 100 + basis);
            String body = twins && j < 2
                    ? "Same here, see " + issue.key()
                    : "Comment " + (j + 1) + " on " + issue.key() + " #" + Long.toHexString(h & 0xffff);
            comments.add(new Comment(
                    childBase(site, issue) + j,
                    authors.get(Ids.pick(h, 3, authors.size())),
                    issue.created().plus(Duration.ofHours(3L * (basis + 1))),
                    body));
        }
        return comments;
    }

    List<Worklog> worklogs(JiraSite site, Issue issue) {
        var worklogs = new ArrayList<Worklog>(issue.worklogs());
        var authors = authorsOf(site, issue);
        for (int j = 0; j < issue.worklogs(); j++) {
            long h = Ids.mix(seed, sourceIssueId(site, issue), 200 + j);
            worklogs.add(new Worklog(
                    childBase(site, issue) + j,
                    authors.get(Ids.pick(h, 3, authors.size())),
                    issue.created().plus(Duration.ofHours(5L * (j + 1))),
                    900L * (1 + Ids.pick(h, 11, 16)),
                    "Worked on " + issue.key()));
        }
        return worklogs;
    }

    List<Attachment> attachments(JiraSite site, Issue issue) {
        var attachments = new ArrayList<Attachment>(issue.attachments());
        var authors = authorsOf(site, issue);
        String[][] kinds = {
            {"screenshot", "png", "image/png"}, {"log", "txt", "text/plain"}, {"report", "pdf", "application/pdf"}
        };
        for (int j = 0; j < issue.attachments(); j++) {
            long h = Ids.mix(seed, sourceIssueId(site, issue), 300 + j);
            String[] kind = kinds[Ids.pick(h, 5, kinds.length)];
            attachments.add(new Attachment(
                    childBase(site, issue) + j,
                    kind[0] + "-" + (j + 1) + "." + kind[1],
                    1024L + Ids.pick(h, 9, 500_000),
                    issue.created().plus(Duration.ofMinutes(20L * (j + 1))),
                    authors.get(Ids.pick(h, 29, authors.size())),
                    kind[2]));
        }
        return attachments;
    }

    /**
     * Links on Data Center: issue n (n divisible by 4) "outward" links to n-1 in its project; issue 6 of the first
     * project also links to issue 6 of the first left-behind project (that link is not migrated). Cloud has the links
     * between migrated issues, with new ids.
     */
    List<Link> links(JiraSite site, Issue issue) {
        var links = new ArrayList<Link>();
        Project source = sourceProject(site, issue);
        if (source == null) {
            return links;
        }
        int n = issue.number();
        if (n % 4 == 0) {
            links.add(link(site, issue, true));
        }
        if ((n + 1) % 4 == 0 && n + 1 <= issue.project().issueCount()) {
            Issue from = issue(site, issue.project(), n + 1);
            links.add(link(site, from, false));
        }
        Project first = world.dcProjectsByIndex().get(0);
        Project gone = leftBehindTarget();
        if (!site.cloud && n == 6 && source.key().equals(first.key())) {
            Issue target = issue(site, gone, 6);
            links.add(new Link(crossLinkId(), linkTypeFor(first, 6), true, target.id(), target.key()));
        }
        if (!site.cloud && n == 6 && source.key().equals(gone.key())) {
            Issue from = issue(site, first, 6);
            links.add(new Link(crossLinkId(), linkTypeFor(first, 6), false, from.id(), from.key()));
        }
        return links;
    }

    /** The link whose source is {@code from}, seen from {@code from} (outward) or from its target (inward). */
    private Link link(JiraSite site, Issue from, boolean outward) {
        Issue other = outward ? issue(site, from.project(), from.number() - 1) : from;
        long typeId = linkTypeFor(sourceProject(site, from), from.number());
        if (site.cloud) {
            typeId = world.linkTypeMap.get(typeId);
        }
        return new Link(10000 + (from.id() - ISSUE_BASE), typeId, outward, other.id(), other.key());
    }

    private long linkTypeFor(Project sourceProject, int number) {
        var types = world.dc.linkTypes;
        return types.get(Ids.pick(Ids.mix(seed, sourceProject.id(), 400 + number), 0, types.size()))
                .id();
    }

    private Project leftBehindTarget() {
        var projects = world.dcProjectsByIndex();
        return projects.get(projects.size() - 2);
    }

    private long crossLinkId() {
        long dcIssues = world.scenario.totalIssues();
        return 10000 + dcIssues;
    }

    private List<String> authorsOf(JiraSite site, Issue issue) {
        if (site.cloud && issue.project().sourceIndex() < 0) {
            return cloudNativeAuthors;
        }
        return site.cloud ? cloudAuthors : dcAuthors;
    }

    private long sourceIssueId(JiraSite site, Issue issue) {
        if (!site.cloud) {
            return issue.id();
        }
        if (issue.project().sourceIndex() < 0) {
            return -issue.id();
        }
        return world.dcProjectsByIndex().get(issue.project().sourceIndex()).issueId(issue.number());
    }

    private Project sourceProject(JiraSite site, Issue issue) {
        if (!site.cloud) {
            return issue.project();
        }
        return issue.project().sourceIndex() < 0
                ? null
                : world.dcProjectsByIndex().get(issue.project().sourceIndex());
    }

    // ---- ground truth ----

    /** Ground-truth rows of every Data Center issue and its children, in project and issue order. */
    void groundTruth(Consumer<GroundTruthRow> sink) {
        for (Project source : world.dcProjectsByIndex()) {
            boolean migrated = !world.isLeftBehind(source.sourceIndex());
            Project target = migrated ? world.cloudProjectOf(source.sourceIndex()) : null;
            for (int n = 1; n <= source.issueCount(); n++) {
                Issue issue = dcIssue(source, n);
                Issue cloudIssue = migrated ? issue(world.cloud, target, n) : null;
                String issueCase = issue.historicalKey().isPresent() ? JiraWorld.HISTORICAL_KEY : JiraWorld.PLAIN;
                emit(
                        sink,
                        "jira:issue",
                        issue.id(),
                        cloudIssue == null ? null : cloudIssue.id(),
                        issueCase,
                        Expectation.MATCH);
                List<Comment> comments = comments(world.dc, issue);
                List<Comment> cloudComments = migrated ? comments(world.cloud, cloudIssue) : List.of();
                for (int j = 0; j < comments.size(); j++) {
                    boolean twin = isDuplicateCommentIssue(source, n) && j < 2;
                    emit(
                            sink,
                            "jira:comment",
                            comments.get(j).id(),
                            migrated ? cloudComments.get(j).id() : null,
                            twin ? JiraWorld.AMBIGUOUS_COMMENT : JiraWorld.PLAIN,
                            twin ? Expectation.AMBIGUOUS : Expectation.MATCH);
                }
                List<Worklog> worklogs = worklogs(world.dc, issue);
                List<Worklog> cloudWorklogs = migrated ? worklogs(world.cloud, cloudIssue) : List.of();
                for (int j = 0; j < worklogs.size(); j++) {
                    emit(
                            sink,
                            "jira:worklog",
                            worklogs.get(j).id(),
                            migrated ? cloudWorklogs.get(j).id() : null,
                            JiraWorld.PLAIN,
                            Expectation.MATCH);
                }
                List<Attachment> attachments = attachments(world.dc, issue);
                List<Attachment> cloudAttachments = migrated ? attachments(world.cloud, cloudIssue) : List.of();
                for (int j = 0; j < attachments.size(); j++) {
                    emit(
                            sink,
                            "jira:fileAttachment",
                            attachments.get(j).id(),
                            migrated ? cloudAttachments.get(j).id() : null,
                            JiraWorld.PLAIN,
                            Expectation.MATCH);
                }
                for (Link link : links(world.dc, issue)) {
                    if (!link.outward()) {
                        continue;
                    }
                    boolean crossesOut = link.id() == crossLinkId();
                    Long cloudLink = migrated && !crossesOut ? 10000 + (cloudIssue.id() - ISSUE_BASE) : null;
                    emit(sink, "jira:issueLink", link.id(), cloudLink, JiraWorld.PLAIN, Expectation.MATCH);
                }
            }
        }
    }

    private static void emit(
            Consumer<GroundTruthRow> sink,
            String type,
            long serverId,
            Long cloudId,
            String matchCase,
            Expectation expectation) {
        if (cloudId == null) {
            sink.accept(new GroundTruthRow(
                    type,
                    Long.toString(serverId),
                    GroundTruthRow.NOT_MIGRATED,
                    JiraWorld.NOT_MIGRATED,
                    Expectation.UNMATCHED));
        } else {
            sink.accept(
                    new GroundTruthRow(type, Long.toString(serverId), Long.toString(cloudId), matchCase, expectation));
        }
    }
}
