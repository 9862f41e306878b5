package dev.idmap.service.jobs;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.RunSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs table. Every state change is a guarded update: "0 rows" means the job was no longer in that state. The
 * state is stored in columns that say it (status, cancelled_by, error_message, result_json), so reading a row back
 * never interprets a message.
 */
public class Jobs {

    private static final String COLUMNS = "job_id, owner, product, source_url, destination_url, status, created_at,"
            + " started_at, completed_at, phase, parts_done, parts_total, entities_processed, error_message,"
            + " cancelled_by, result_json, report_deleted";
    private static final String SELECT = "select " + COLUMNS + " from idmap_job";
    /** Filters of list and count: a null owner or status means any. */
    private static final String FILTER = " where (cast(:owner as varchar(200)) is null or owner = :owner)"
            + " and (cast(:status as varchar(20)) is null or status = :status)";

    private final JdbcClient jdbc;
    /**
     * Reads results stored by earlier versions too: a number they did not store yet (a warning's {@code items}) reads
     * as 0.
     */
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public Jobs(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Inserts a PENDING job; false when an active job with the same key exists. */
    public boolean insert(Job job, String activeKey) {
        try {
            jdbc.sql("insert into idmap_job (job_id, owner, product, source_url, destination_url, status, active_key,"
                            + " created_at) values (?, ?, ?, ?, ?, 'PENDING', ?, ?)")
                    .params(
                            job.jobId(),
                            job.owner(),
                            job.product().name(),
                            job.sourceUrl(),
                            job.destinationUrl(),
                            activeKey,
                            ts(job.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public Optional<Job> findActive(String activeKey) {
        return jdbc.sql(SELECT + " where active_key = ?")
                .param(activeKey)
                .query(this::map)
                .optional();
    }

    public Optional<Job> find(String jobId) {
        return jdbc.sql(SELECT + " where job_id = ?")
                .param(jobId)
                .query(this::map)
                .optional();
    }

    /** Newest first; {@code owner == null} lists every caller's jobs, {@code status == null} every status. */
    public List<Job> list(String owner, JobStatus status, long offset, int limit) {
        return jdbc.sql(SELECT + FILTER + " order by created_at desc, job_id desc limit :limit offset :offset")
                .param("owner", owner)
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    public long count(String owner, JobStatus status) {
        return jdbc.sql("select count(*) from idmap_job" + FILTER)
                .param("owner", owner)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    /** The caller's newest job for this product and pair of sites. */
    public Optional<Job> latest(String owner, Product product, String sourceUrl, String destinationUrl) {
        return jdbc.sql(SELECT + " where owner = ? and product = ? and source_url = ? and destination_url = ?"
                        + " order by created_at desc, job_id desc limit 1")
                .params(owner, product.name(), sourceUrl, destinationUrl)
                .query(this::map)
                .optional();
    }

    /** The newest successful job of any caller mapping this source site whose report is kept. */
    public Optional<Job> latestSucceeded(String sourceUrl) {
        return jdbc.sql(SELECT + " where source_url = ? and status = 'SUCCESS' and report_deleted = false"
                        + " order by completed_at desc, job_id desc limit 1")
                .param(sourceUrl)
                .query(this::map)
                .optional();
    }

    public Map<JobStatus, Long> countByStatus() {
        var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
        for (var status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("select status, count(*) from idmap_job group by status")
                .query((rs, n) -> counts.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    /** PENDING or IN_PROGRESS → IN_PROGRESS; false when the job is final (cancelled, or finished elsewhere). */
    public boolean markStarted(String jobId, Instant now) {
        return jdbc.sql("update idmap_job set status = 'IN_PROGRESS', started_at = coalesce(started_at, ?)"
                                + " where job_id = ? and status in ('PENDING', 'IN_PROGRESS')")
                        .params(ts(now), jobId)
                        .update()
                == 1;
    }

    /** False when the job is no longer IN_PROGRESS (cancelled, or gone). */
    public boolean updateProgress(String jobId, JobProgress progress) {
        return jdbc.sql("update idmap_job set phase = ?, parts_done = ?, parts_total = ?, entities_processed = ?"
                                + " where job_id = ? and status = 'IN_PROGRESS'")
                        .params(
                                progress.phase().name(),
                                progress.partsDone(),
                                progress.partsTotal(),
                                progress.entitiesProcessed(),
                                jobId)
                        .update()
                == 1;
    }

    /** IN_PROGRESS → SUCCESS; its entities processed become the source entities the report accounts for. */
    public boolean succeed(String jobId, JobResult result, Instant now) {
        return jdbc.sql("update idmap_job set status = 'SUCCESS', active_key = null, completed_at = ?, result_json = ?,"
                                + " phase = 'DONE', parts_done = parts_total, entities_processed = ?"
                                + " where job_id = ? and status = 'IN_PROGRESS'")
                        .params(
                                ts(now),
                                json.writeValueAsString(result),
                                result.summary().rows(),
                                jobId)
                        .update()
                == 1;
    }

    /** Ends an active job as failed; false when it had already ended. */
    public boolean fail(String jobId, String message, Instant now) {
        return jdbc.sql("update idmap_job set status = 'ERROR', active_key = null, completed_at = ?, error_message = ?"
                                + " where job_id = ? and status in ('PENDING', 'IN_PROGRESS')")
                        .params(ts(now), message, jobId)
                        .update()
                == 1;
    }

    /** Ends an active job as cancelled by {@code caller}; false when it had already ended. */
    public boolean cancel(String jobId, String caller, Instant now) {
        return jdbc.sql("update idmap_job set status = 'ERROR', active_key = null, completed_at = ?, cancelled_by = ?"
                                + " where job_id = ? and status in ('PENDING', 'IN_PROGRESS')")
                        .params(ts(now), caller, jobId)
                        .update()
                == 1;
    }

    public List<String> activeJobIds() {
        return jdbc.sql("select job_id from idmap_job where status in ('PENDING', 'IN_PROGRESS') order by created_at")
                .query(String.class)
                .list();
    }

    /** Finished jobs whose report files still exist and completed before the cutoff. */
    public List<Job> reportsCompletedBefore(Instant cutoff) {
        return jdbc.sql(SELECT + " where status = 'SUCCESS' and report_deleted = false and completed_at < ?")
                .param(ts(cutoff))
                .query(this::map)
                .list();
    }

    public void markReportDeleted(String jobId) {
        jdbc.sql("update idmap_job set report_deleted = true where job_id = ?")
                .param(jobId)
                .update();
    }

    /** Final jobs created before the cutoff. */
    public List<Job> finalJobsCreatedBefore(Instant cutoff) {
        return jdbc.sql(SELECT + " where status in ('SUCCESS', 'ERROR') and created_at < ?")
                .param(ts(cutoff))
                .query(this::map)
                .list();
    }

    public void delete(String jobId) {
        jdbc.sql("delete from idmap_job where job_id = ?").param(jobId).update();
    }

    // --- reading rows back

    private Job map(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getString("job_id"),
                rs.getString("owner"),
                Product.valueOf(rs.getString("product")),
                rs.getString("source_url"),
                rs.getString("destination_url"),
                instant(rs, "created_at"),
                state(rs),
                rs.getBoolean("report_deleted"));
    }

    private JobState state(ResultSet rs) throws SQLException {
        var started = instant(rs, "started_at");
        var completed = instant(rs, "completed_at");
        var phase = rs.getString("phase");
        var progress = phase == null
                ? (started == null ? JobProgress.QUEUED : JobProgress.STARTING)
                : new JobProgress(
                        JobPhase.valueOf(phase),
                        rs.getInt("parts_done"),
                        rs.getInt("parts_total"),
                        rs.getLong("entities_processed"));
        return switch (JobStatus.valueOf(rs.getString("status"))) {
            case PENDING -> new JobState.Pending();
            case IN_PROGRESS -> new JobState.Running(started, progress);
            case SUCCESS -> new JobState.Succeeded(started, completed, progress, result(rs.getString("result_json")));
            case ERROR -> {
                var cancelledBy = rs.getString("cancelled_by");
                yield cancelledBy != null
                        ? new JobState.Cancelled(started, completed, progress, cancelledBy)
                        : new JobState.Failed(started, completed, progress, rs.getString("error_message"));
            }
        };
    }

    private JobResult result(String stored) {
        var node = json.readTree(stored);
        return node.has("summary") ? json.treeToValue(node, JobResult.class) : legacyResult(node);
    }

    /** Results stored before the summary was one value: flat counts and {@code detailedSizeBytes}. */
    private static JobResult legacyResult(JsonNode node) {
        var perType = new LinkedHashMap<String, Map<MatchStatus, Long>>();
        node.get("countsPerType").properties().forEach(type -> {
            var counts = new EnumMap<MatchStatus, Long>(MatchStatus.class);
            for (var status : MatchStatus.values()) {
                counts.put(status, type.getValue().path(status.name()).asLong(0));
            }
            perType.put(type.getKey(), counts);
        });
        var summary = new RunSummary(
                node.get("rows").asLong(),
                node.get("matched").asLong(),
                node.get("unmatched").asLong(),
                node.get("ambiguous").asLong(),
                perType);
        return new JobResult(
                summary,
                new JobResult.ReportFile(
                        node.get("sizeBytes").asLong(), node.get("sha256").asString()),
                new JobResult.ReportFile(
                        node.get("detailedSizeBytes").asLong(),
                        node.get("detailedSha256").asString()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
