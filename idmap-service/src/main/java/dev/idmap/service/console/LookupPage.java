package dev.idmap.service.console;

import dev.idmap.core.report.DetailedRow;
import dev.idmap.service.security.Caller;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Predicate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Looks up a server id, a Cloud id, an issue key or a user in a finished job's detailed report, so that an unmatched
 * or ambiguous entity is found with its reason, not only a matched one.
 */
@Controller
class LookupPage {

    static final int MAX_HITS = 50;
    static final int JOBS_OFFERED = 20;

    private final ConsoleJobs jobs;
    private final DetailedRows rows;
    private final Clock clock;

    LookupPage(ConsoleJobs jobs, DetailedRows rows, Clock clock) {
        this.jobs = jobs;
        this.rows = rows;
        this.clock = clock;
    }

    /** What the looked-up text is. */
    enum LookupKind {
        SERVER_ID("Server/Data Center id"),
        CLOUD_ID("Cloud id"),
        ISSUE_KEY("Issue key"),
        USER("User (name, key or email)");

        private final String label;

        LookupKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        Predicate<DetailedRow> matches(String text) {
            var wanted = text.strip();
            return switch (this) {
                case SERVER_ID -> row -> row.serverId().equals(wanted);
                case CLOUD_ID ->
                    row -> wanted.equals(row.cloudId())
                            || (row.candidates() != null
                                    && Arrays.asList(row.candidates().split(";"))
                                            .contains(wanted));
                case ISSUE_KEY ->
                    row -> row.entityType().equals("jira:issue")
                            && (wanted.equalsIgnoreCase(row.serverKey()) || wanted.equalsIgnoreCase(row.cloudKey()));
                case USER ->
                    row -> row.entityType().equals("identity:user")
                            && (wanted.equalsIgnoreCase(row.serverId())
                                    || wanted.equalsIgnoreCase(row.serverKey())
                                    || wanted.equalsIgnoreCase(row.cloudKey())
                                    || wanted.equals(row.cloudId()));
            };
        }
    }

    @GetMapping("/console/lookup")
    String lookup(
            @RequestParam(name = "job", required = false) String jobId,
            @RequestParam(name = "kind", defaultValue = "SERVER_ID") LookupKind kind,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "q", required = false) String text,
            @AuthenticationPrincipal Caller caller,
            Model model) {
        var now = clock.instant();
        var offered = jobs.withReports(caller, JOBS_OFFERED).stream()
                .map(job -> JobSummary.of(job, now))
                .toList();
        var chosen = jobId != null && !jobId.isBlank()
                ? jobId
                : offered.isEmpty() ? null : offered.getFirst().jobId();
        model.addAttribute("caller", caller);
        model.addAttribute("jobs", offered);
        model.addAttribute("chosenJob", chosen);
        model.addAttribute("kinds", LookupKind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("q", text == null ? "" : text);
        var entityType = type == null || type.isBlank() ? null : type;
        model.addAttribute("type", entityType);
        model.addAttribute(
                "types",
                offered.stream()
                        .filter(job -> job.jobId().equals(chosen))
                        .flatMap(job -> job.types().stream())
                        .map(JobSummary.TypeCounts::entityType)
                        .toList());
        if (chosen != null && text != null && !text.isBlank()) {
            var job = jobs.visible(caller, chosen);
            if (!jobs.reportAvailable(job)) {
                throw new JobPage.ReportNotAvailable(chosen);
            }
            model.addAttribute(
                    "hits",
                    rows.find(
                                    job,
                                    kind.matches(text)
                                            .and(row -> entityType == null || entityType.equals(row.entityType())),
                                    MAX_HITS)
                            .orElseThrow(() -> new JobPage.ReportNotAvailable(chosen)));
            model.addAttribute("maxHits", MAX_HITS);
        }
        return "console/lookup";
    }
}
