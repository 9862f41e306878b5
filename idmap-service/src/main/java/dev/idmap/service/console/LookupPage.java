package dev.idmap.service.console;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.JobStatus;
import dev.idmap.service.jobs.ReportAccess;
import dev.idmap.service.lookup.LookupQuery;
import dev.idmap.service.lookup.Lookups;
import dev.idmap.service.security.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Looks up a server id, a Cloud id, an issue key or a user in a finished job, through the job queue's lookups (the
 * same as the API's {@code …/mappings}): matched entities with their Cloud id, and unmatched or ambiguous ones with
 * their reason and candidates.
 */
@Controller
class LookupPage {

    static final int JOBS_OFFERED = 20;

    private final JobQueue jobs;
    private final Clock clock;

    LookupPage(JobQueue jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What the looked-up text is, and so which entity types and which side it is looked up in. */
    enum LookupKind {
        SERVER_ID("Server/Data Center id", null, LookupQuery.Direction.SERVER),
        CLOUD_ID("Cloud id", null, LookupQuery.Direction.CLOUD),
        ISSUE_KEY("Issue key", "jira:issue", LookupQuery.Direction.SERVER),
        USER("User (key or username)", "identity:user", LookupQuery.Direction.SERVER);

        private final String label;
        private final String entityType;
        private final LookupQuery.Direction direction;

        LookupKind(String label, String entityType, LookupQuery.Direction direction) {
            this.label = label;
            this.entityType = entityType;
            this.direction = direction;
        }

        public String label() {
            return label;
        }

        /** The chosen type, the kind's own, or every type of the job's product. */
        List<String> entityTypes(String chosen, List<String> ofProduct) {
            if (entityType != null) {
                return List.of(entityType);
            }
            return chosen == null ? ofProduct : List.of(chosen);
        }
    }

    /** One row of the answer, matched or not. */
    record Hit(
            String entityType,
            String serverId,
            String cloudId,
            MatchStatus status,
            String serverKey,
            String cloudKey,
            String reason,
            String candidates) {}

    @GetMapping("/console/lookup")
    String lookup(
            @RequestParam(name = "job", required = false) String jobId,
            @RequestParam(name = "kind", defaultValue = "SERVER_ID") LookupKind kind,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "q", required = false) String text,
            @AuthenticationPrincipal Caller caller,
            Model model) {
        var now = clock.instant();
        var offered = jobs.list(caller, JobStatus.SUCCESS, 0, JOBS_OFFERED).jobs().stream()
                .filter(jobs::reportAvailable)
                .map(job -> JobSummary.of(job, now))
                .toList();
        var chosen = jobId != null && !jobId.isBlank()
                ? jobId
                : offered.isEmpty() ? null : offered.getFirst().jobId();
        var entityType = type == null || type.isBlank() ? null : type;
        model.addAttribute("caller", caller);
        model.addAttribute("jobs", offered);
        model.addAttribute("chosenJob", chosen);
        model.addAttribute("kinds", LookupKind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("type", entityType);
        model.addAttribute("q", text == null ? "" : text);
        model.addAttribute(
                "types",
                offered.stream()
                        .filter(job -> job.jobId().equals(chosen))
                        .flatMap(job -> job.types().stream())
                        .map(JobSummary.TypeCounts::entityType)
                        .toList());
        if (chosen != null && text != null && !text.isBlank()) {
            if (!(jobs.report(caller, chosen) instanceof ReportAccess.Ready ready)) {
                throw new JobPage.ReportNotAvailable(chosen);
            }
            try {
                model.addAttribute("hits", hits(ready, kind, entityType, text.strip()));
            } catch (Lookups.UnknownEntityType e) {
                model.addAttribute(
                        "problem",
                        kind.label() + " lookups do not apply to a "
                                + ready.job().product() + " job.");
            }
        }
        return "console/lookup";
    }

    private List<Hit> hits(ReportAccess.Ready ready, LookupKind kind, String entityType, String id) {
        var hits = new ArrayList<Hit>();
        for (var type :
                kind.entityTypes(entityType, Lookups.namespaces(ready.job().product()))) {
            var answer = jobs.lookup(ready, new LookupQuery(type, kind.direction, List.of(id)));
            answer.mappings()
                    .forEach(found -> hits.add(new Hit(
                            type,
                            found.serverId(),
                            found.cloudId(),
                            MatchStatus.MATCHED,
                            found.serverKey(),
                            found.cloudKey(),
                            null,
                            null)));
            answer.unresolved()
                    .forEach(unresolved -> hits.add(new Hit(
                            type,
                            unresolved.serverId(),
                            null,
                            unresolved.status(),
                            unresolved.serverKey(),
                            null,
                            unresolved.reason(),
                            unresolved.candidates())));
        }
        return hits;
    }
}
