package dev.idmap.testsupport;

import dev.idmap.core.engine.MappingEngine;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.Phase;
import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.core.report.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A TEST engine that contacts no site and writes the same small report for every run. Used only where the engine's
 * work is irrelevant (wire format, validation, auth, isolation, storage, retention); the end-to-end tests use the
 * real {@code StagedMappingEngine} against the simulator. A run whose source URL is {@link #held(String)} waits until
 * released, so tests can observe PENDING/IN_PROGRESS jobs.
 */
public final class FixedReportEngine implements MappingEngine {

    public static final String COMPATIBLE = """
            entityType,serverId,cloudId
            jira/classic:project,10000,10100
            jira:issue,20001,30001
            jira:issue,20002,30002
            """;
    public static final String DETAILED = """
            entityType,serverId,cloudId,status,rule,serverKey,cloudKey,container,candidates,reason\r
            jira/classic:project,10000,10100,MATCHED,project-key,ALPHA,ALPHA,,,\r
            jira:issue,20001,30001,MATCHED,issue-key,ALPHA-1,ALPHA-1,ALPHA,,\r
            jira:issue,20002,30002,MATCHED,issue-key,ALPHA-2,ALPHA-2,ALPHA,,\r
            jira:issue,20003,,UNMATCHED,,ALPHA-3,,ALPHA,,no issue with key ALPHA-3 on the destination\r
            """;

    /** The decisions behind {@link #DETAILED}, as the decision stream delivers them. */
    public static final List<DetailedRow> DECISIONS = List.of(
            new DetailedRow(
                    "jira/classic:project",
                    "10000",
                    "10100",
                    MatchStatus.MATCHED,
                    "project-key",
                    "ALPHA",
                    "ALPHA",
                    null,
                    null,
                    null),
            new DetailedRow(
                    "jira:issue",
                    "20001",
                    "30001",
                    MatchStatus.MATCHED,
                    "issue-key",
                    "ALPHA-1",
                    "ALPHA-1",
                    "ALPHA",
                    null,
                    null),
            new DetailedRow(
                    "jira:issue",
                    "20002",
                    "30002",
                    MatchStatus.MATCHED,
                    "issue-key",
                    "ALPHA-2",
                    "ALPHA-2",
                    "ALPHA",
                    null,
                    null),
            new DetailedRow(
                    "jira:issue",
                    "20003",
                    null,
                    MatchStatus.UNMATCHED,
                    null,
                    "ALPHA-3",
                    null,
                    "ALPHA",
                    null,
                    "no issue with key ALPHA-3 on the destination"));

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    private final Set<String> discarded = ConcurrentHashMap.newKeySet();

    /** Runs for this source URL wait until {@link #release(String)}. */
    public void hold(String sourceUrl) {
        held.add(sourceUrl);
    }

    public void release(String sourceUrl) {
        held.remove(sourceUrl);
    }

    public int runsOf(String runId) {
        return runs.getOrDefault(runId, 0);
    }

    @Override
    public MappingOutcome run(MappingRequest request, Path outputDir, ProgressListener progress) {
        runs.merge(request.runId(), 1, Integer::sum);
        progress.onProgress(new Progress(Phase.CRAWL, 0, 4, 0));
        while (held.contains(request.source().baseUrl().toString())) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        progress.onProgress(new Progress(Phase.REPORT, 3, 4, 4));
        try {
            var compatible = Files.writeString(outputDir.resolve("id-mappings.csv"), COMPATIBLE);
            var detailed = Files.writeString(outputDir.resolve("id-mappings-detailed.csv"), DETAILED);
            var summary = Files.writeString(outputDir.resolve("summary.json"), "{}");
            var counter =
                    new RunSummary.Counter().expect("jira/classic:project").expect("jira:issue");
            DECISIONS.forEach(row -> counter.count(row.entityType(), row.status()));
            return new MappingOutcome(compatible, detailed, summary, counter.summary(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void forEachDecision(MappingRequest request, Consumer<DetailedRow> sink) {
        DECISIONS.forEach(sink);
    }

    @Override
    public void discard(String runId) {
        discarded.add(runId);
    }

    public boolean discarded(String runId) {
        return discarded.contains(runId);
    }
}
