package dev.idmap.sim.jira;

import dev.idmap.sim.jira.IssueSpace.Issue;
import dev.idmap.sim.jira.Records.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link Jql} over one site without materialising issues: per project, the matching issue numbers form one
 * contiguous range, so counting and skipping to an offset cost O(projects).
 */
final class IssueSearch {

    private record Range(Project project, int from, int to) {
        int size() {
            return Math.max(0, to - from + 1);
        }
    }

    private final IssueSpace issues;
    private final JiraSite site;

    IssueSearch(IssueSpace issues, JiraSite site) {
        this.issues = issues;
        this.site = site;
    }

    long count(Jql jql) {
        if (!jql.keys().isEmpty()) {
            return byKeys(jql).size();
        }
        return ranges(jql).stream().mapToLong(Range::size).sum();
    }

    List<Issue> page(Jql jql, long start, int size) {
        var page = new ArrayList<Issue>(Math.min(size, 1024));
        if (!jql.keys().isEmpty()) {
            List<Issue> all = byKeys(jql);
            for (long i = start; i < all.size() && page.size() < size; i++) {
                page.add(all.get((int) i));
            }
            return page;
        }
        long skip = start;
        for (Range range : ranges(jql)) {
            if (page.size() >= size) {
                break;
            }
            if (skip >= range.size()) {
                skip -= range.size();
                continue;
            }
            for (long i = skip; i < range.size() && page.size() < size; i++) {
                int number = jql.descending() ? range.to() - (int) i : range.from() + (int) i;
                page.add(issues.issue(site, range.project(), number));
            }
            skip = 0;
        }
        return page;
    }

    private List<Range> ranges(Jql jql) {
        List<Project> projects = new ArrayList<>(site.projects);
        if (jql.order() == Jql.Order.ID) {
            projects.sort(Comparator.comparingLong(Project::firstIssueId));
        }
        if (jql.descending()) {
            java.util.Collections.reverse(projects);
        }
        var ranges = new ArrayList<Range>();
        for (Project p : projects) {
            if (!jql.projects().isEmpty()
                    && !jql.projects().contains(p.key())
                    && !jql.projects().contains(Long.toString(p.id()))) {
                continue;
            }
            long lowId = Math.max(p.firstIssueId(), jql.minId());
            long highId = Math.min(p.issueId(p.issueCount()), jql.maxId());
            if (lowId > highId) {
                continue;
            }
            ranges.add(new Range(p, (int) (lowId - p.firstIssueId() + 1), (int) (highId - p.firstIssueId() + 1)));
        }
        return ranges;
    }

    private List<Issue> byKeys(Jql jql) {
        var found = new ArrayList<Issue>();
        for (String key : jql.keys()) {
            Optional<Issue> issue = issues.byIdOrKey(site, key);
            issue.filter(i -> matches(jql, i))
                    .filter(i -> found.stream().noneMatch(f -> f.id() == i.id()))
                    .ifPresent(found::add);
        }
        Comparator<Issue> order = jql.order() == Jql.Order.ID
                ? Comparator.comparingLong(Issue::id)
                : Comparator.comparing((Issue i) -> i.project().key()).thenComparingInt(Issue::number);
        found.sort(jql.descending() ? order.reversed() : order);
        return found;
    }

    private static boolean matches(Jql jql, Issue issue) {
        boolean inProject = jql.projects().isEmpty()
                || jql.projects().contains(issue.project().key())
                || jql.projects().contains(Long.toString(issue.project().id()));
        return inProject && issue.id() >= jql.minId() && issue.id() <= jql.maxId();
    }
}
