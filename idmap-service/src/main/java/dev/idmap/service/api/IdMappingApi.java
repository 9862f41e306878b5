package dev.idmap.service.api;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.JobStatus;
import dev.idmap.service.jobs.ReportAccess;
import dev.idmap.service.lookup.Lookup;
import dev.idmap.service.lookup.LookupQuery;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Atlassian's Id Mapping report API ({@code /migrations/reports/v1/id-mappings}), plus list, cancel and lookups.
 * Every rule is the job queue's; this class only reads requests and writes responses.
 */
@RestController
@RequestMapping(path = "/migrations/reports/v1/id-mappings", produces = MediaType.APPLICATION_JSON_VALUE)
class IdMappingApi {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_BATCH = 1000;
    static final int MAX_PAGE = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobQueue queue;
    private final Sites sites;
    private final IdmapProperties properties;
    private final Clock clock;
    private final ServerBase serverBase;

    IdMappingApi(JobQueue queue, Sites sites, IdmapProperties properties, Clock clock, ServerBase serverBase) {
        this.serverBase = serverBase;
        this.queue = queue;
        this.sites = sites;
        this.properties = properties;
        this.clock = clock;
    }

    record Triggered(String jobId, JobStatus status) {}

    @PostMapping(path = "/trigger", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Triggered> trigger(
            @RequestBody(required = false) String body, @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        var triggered = queue.trigger(caller, () -> {
            var request = TriggerValidation.parse(body, sites);
            return new JobQueue.Target(request.product(), request.sourceURL(), request.destinationURL());
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Triggered(triggered.job().jobId(), triggered.job().status()));
    }

    @GetMapping("/{jobId}")
    JobView status(@PathVariable String jobId, @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        var job = queue.status(caller, jobId);
        return JobView.of(job, queue.reportAvailable(job));
    }

    record Download(String jobId, String downloadUrl, long expiresIn, String expiresAt, String format) {}

    @GetMapping("/{jobId}/download")
    Download download(
            @PathVariable String jobId,
            @RequestParam(name = "format", defaultValue = "compatible") String format,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        if (!format.equals("compatible") && !format.equals("detailed")) {
            throw ApiException.validation("format must be compatible (entityType,serverId,cloudId) or detailed");
        }
        var ready = ready(queue.report(caller, jobId));
        var url = queue.link(ready, format.equals("detailed"), serverBase.get())
                .orElseThrow(ApiException::reportNotAvailable);
        var lifetime = properties.retention().link();
        return new Download(
                jobId,
                url.toString(),
                lifetime.toSeconds(),
                clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString(),
                format);
    }

    record JobList(List<JobView> jobs, int page, int size, long total) {}

    @GetMapping
    JobList list(
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "size", defaultValue = "20") int size,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        var errors = new ArrayList<String>();
        JobStatus filter = null;
        if (status != null) {
            try {
                filter = JobStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add("status must be PENDING, IN_PROGRESS, SUCCESS or ERROR");
            }
        }
        if (page < 0 || page > MAX_PAGE) {
            errors.add("page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var found = queue.list(caller, filter, (long) page * size, size);
        var views = found.jobs().stream()
                .map(job -> JobView.of(job, queue.reportAvailable(job)))
                .toList();
        return new JobList(views, page, size, found.total());
    }

    @PostMapping("/{jobId}/cancel")
    JobView cancel(@PathVariable String jobId, @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        return JobView.of(queue.cancel(caller, jobId), false);
    }

    @GetMapping("/{jobId}/mappings")
    Lookup lookup(
            @PathVariable String jobId,
            @RequestParam(name = "entityType", required = false) String entityType,
            @RequestParam(name = "serverId", required = false) List<String> serverIds,
            @RequestParam(name = "cloudId", required = false) List<String> cloudIds,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        return lookup(caller, jobId, entityType, serverIds, cloudIds);
    }

    @PostMapping(path = "/{jobId}/mappings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Lookup batchLookup(
            @PathVariable String jobId,
            @RequestBody(required = false) String body,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        JsonNode node;
        try {
            node = body == null ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.validation("Request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation(
                    "Request body must be a JSON object: {\"entityType\": ..., \"serverIds\": [...]} or"
                            + " {\"entityType\": ..., \"cloudIds\": [...]}");
        }
        var errors = new ArrayList<String>();
        String entityType = null;
        var entityTypeNode = node.get("entityType");
        if (entityTypeNode != null && !entityTypeNode.isNull()) {
            if (entityTypeNode.isString()) {
                entityType = entityTypeNode.asString();
            } else {
                errors.add("entityType must be a string, e.g. \"jira:issue\"");
            }
        }
        var serverIds = ids(node, "serverIds", errors);
        var cloudIds = ids(node, "cloudIds", errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return lookup(caller, jobId, entityType, serverIds, cloudIds);
    }

    /** An array of IDs: strings, or whole numbers (numeric IDs written without quotes); anything else is named. */
    private static List<String> ids(JsonNode object, String field, List<String> errors) {
        var node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(field + " must be an array of strings");
            return null;
        }
        var values = new ArrayList<String>();
        for (int i = 0; i < node.size() && errors.size() < 10; i++) {
            var item = node.get(i);
            if (item.isString()) {
                values.add(item.asString());
            } else if (item.isIntegralNumber() && item.canConvertToLong() && item.asLong() >= 0) {
                values.add(Long.toString(item.asLong()));
            } else {
                errors.add(field + "[" + i + "] must be a string");
            }
        }
        return values;
    }

    private Lookup lookup(
            Caller caller, String jobId, String entityType, List<String> serverIds, List<String> cloudIds) {
        var errors = new ArrayList<String>();
        if (entityType == null || entityType.isBlank()) {
            errors.add("entityType is required, e.g. jira:issue");
        }
        var byServer = serverIds != null && !serverIds.isEmpty();
        var byCloud = cloudIds != null && !cloudIds.isEmpty();
        if (byServer == byCloud) {
            errors.add("give either serverId(s) or cloudId(s), not both and not neither");
        }
        var ids = new LinkedHashSet<>(byServer ? serverIds : byCloud ? cloudIds : List.of());
        if (ids.size() > MAX_BATCH) {
            errors.add("at most " + MAX_BATCH + " IDs per lookup");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var direction = byServer ? LookupQuery.Direction.SERVER : LookupQuery.Direction.CLOUD;
        var ready = ready(queue.report(caller, jobId));
        return queue.lookup(ready, new LookupQuery(entityType, direction, List.copyOf(ids)));
    }

    /** A job whose report can be used: SUCCESS (409 before and after failure) and not expired (404). */
    private static ReportAccess.Ready ready(ReportAccess access) {
        var jobId = access.job().jobId();
        return switch (access) {
            case ReportAccess.Ready ready -> ready;
            case ReportAccess.NotYet notYet ->
                throw ApiException.conflict(
                        "Job " + jobId + " is " + notYet.job().status()
                                + "; the report is available once the status is SUCCESS. Poll GET"
                                + " /migrations/reports/v1/id-mappings/" + jobId + " until then.");
            case ReportAccess.NoReport noReport ->
                throw ApiException.conflict(
                        "Job " + jobId + " ended with status ERROR and has no report. Trigger a new job.");
            case ReportAccess.Expired expired -> throw ApiException.reportNotAvailable();
        };
    }
}
