package dev.idmap.service.jobs;

import dev.idmap.core.engine.Progress;
import dev.idmap.core.model.Product;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The jobs table. Every state change is a guarded update: "0 rows" means the job was no longer in that state. */
public class Jobs {

    private static final String COLUMNS = "job_id, owner, product, source_url, destination_url, status, created_at, "
            + "started_at, completed_at, phase, parts_done, parts_total, entities_processed, error_message, "
            + "result_json, report_deleted";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json = JsonMapper.builder().build();

    public Jobs(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
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
        return jdbc.sql("select " + COLUMNS + " from idmap_job where active_key = ?")
                .param(activeKey)
                .query(this::map)
                .optional();
    }

    public Optional<Job> find(String jobId) {
        return jdbc.sql("select " + COLUMNS + " from idmap_job where job_id = ?")
                .param(jobId)
                .query(this::map)
                .optional();
    }

    /** Newest first; {@code owner == null} lists every caller's jobs. */
    public List<Job> list(String owner, JobStatus status, long offset, int limit) {
        var sql = new StringBuilder("select " + COLUMNS + " from idmap_job where 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (owner != null) {
            sql.append(" and owner = ?");
            params.add(owner);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        sql.append(" order by created_at desc, job_id desc limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** The caller's newest job for this product and pair of sites. */
    public Optional<Job> latest(String owner, Product product, String sourceUrl, String destinationUrl) {
        return jdbc.sql("select " + COLUMNS + " from idmap_job where owner = ? and product = ? and source_url = ?"
                        + " and destination_url = ? order by created_at desc, job_id desc limit 1")
                .params(owner, product.name(), sourceUrl, destinationUrl)
                .query(this::map)
                .optional();
    }

    public long count(String owner, JobStatus status) {
        var sql = new StringBuilder("select count(*) from idmap_job where 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (owner != null) {
            sql.append(" and owner = ?");
            params.add(owner);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
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
    public boolean updateProgress(String jobId, Progress progress) {
        return jdbc.sql("update idmap_job set phase = ?, parts_done = ?, parts_total = ?, entities_processed = ?"
                                + " where job_id = ? and status = 'IN_PROGRESS'")
                        .params(
                                progress.phase(),
                                progress.partsDone(),
                                progress.partsTotal(),
                                progress.entitiesProcessed(),
                                jobId)
                        .update()
                == 1;
    }

    public boolean succeed(String jobId, JobResult result, Instant now) {
        return jdbc.sql("update idmap_job set status = 'SUCCESS', active_key = null, completed_at = ?, result_json = ?,"
                                + " parts_done = parts_total where job_id = ? and status = 'IN_PROGRESS'")
                        .params(ts(now), json.writeValueAsString(result), jobId)
                        .update()
                == 1;
    }

    /** Ends an active job as ERROR; false when it had already ended. */
    public boolean fail(String jobId, String errorMessage, Instant now) {
        return jdbc.sql("update idmap_job set status = 'ERROR', active_key = null, completed_at = ?, error_message = ?"
                                + " where job_id = ? and status in ('PENDING', 'IN_PROGRESS')")
                        .params(ts(now), errorMessage, jobId)
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
        return jdbc.sql("select " + COLUMNS + " from idmap_job where status = 'SUCCESS' and report_deleted = false"
                        + " and completed_at < ?")
                .param(ts(cutoff))
                .query(this::map)
                .list();
    }

    public void markReportDeleted(String jobId) {
        jdbc.sql("update idmap_job set report_deleted = true where job_id = ?")
                .param(jobId)
                .update();
        deleteMappings(jobId);
    }

    /** Final jobs created before the cutoff. */
    public List<Job> finalJobsCreatedBefore(Instant cutoff) {
        return jdbc.sql("select " + COLUMNS + " from idmap_job where status in ('SUCCESS', 'ERROR') and created_at < ?")
                .param(ts(cutoff))
                .query(this::map)
                .list();
    }

    public void delete(String jobId) {
        deleteMappings(jobId);
        jdbc.sql("delete from idmap_job where job_id = ?").param(jobId).update();
    }

    // --- mappings, for per-ID lookups

    public record Mapping(String entityType, String serverId, String cloudId) {}

    public void insertMappings(String jobId, List<Mapping> mappings) {
        template.batchUpdate(
                "insert into idmap_mapping (job_id, entity_type, server_id, cloud_id) values (?, ?, ?, ?)",
                mappings,
                1000,
                (ps, m) -> {
                    ps.setString(1, jobId);
                    ps.setString(2, m.entityType());
                    ps.setString(3, m.serverId());
                    ps.setString(4, m.cloudId());
                });
    }

    public void deleteMappings(String jobId) {
        jdbc.sql("delete from idmap_mapping where job_id = ?").param(jobId).update();
    }

    public List<Mapping> byServerIds(String jobId, String entityType, Collection<String> serverIds) {
        return lookup(jobId, entityType, "server_id", serverIds);
    }

    public List<Mapping> byCloudIds(String jobId, String entityType, Collection<String> cloudIds) {
        return lookup(jobId, entityType, "cloud_id", cloudIds);
    }

    private List<Mapping> lookup(String jobId, String entityType, String column, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select entity_type, server_id, cloud_id from idmap_mapping where job_id = :job"
                        + " and entity_type = :type and " + column + " in (:ids) order by server_id, cloud_id")
                .param("job", jobId)
                .param("type", entityType)
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> new Mapping(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    // --- mapping rows

    private Job map(ResultSet rs, int row) throws SQLException {
        var phase = rs.getString("phase");
        var progress = phase == null
                ? null
                : new Progress(
                        phase, rs.getInt("parts_done"), rs.getInt("parts_total"), rs.getLong("entities_processed"));
        var resultJson = rs.getString("result_json");
        return new Job(
                rs.getString("job_id"),
                rs.getString("owner"),
                Product.valueOf(rs.getString("product")),
                rs.getString("source_url"),
                rs.getString("destination_url"),
                JobStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                progress,
                resultJson == null ? null : json.readValue(resultJson, new TypeReference<JobResult>() {}),
                rs.getString("error_message"),
                rs.getBoolean("report_deleted"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
