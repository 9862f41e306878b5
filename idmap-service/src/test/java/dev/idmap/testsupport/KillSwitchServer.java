package dev.idmap.testsupport;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.engine.MappingEngine;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.Phase;
import dev.idmap.core.engine.Progress;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.service.IdmapServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The real server (real engine, real connectors) in its own JVM that sends itself {@code kill -9} at a chosen moment
 * of a job: {@code --kill-at=CRAWL} (half of the parts staged), {@code MATCH} (after the first type's decisions),
 * {@code REPORT} (before the reports are written) or {@code CLEANUP} (the job is SUCCESS, its staged data not yet
 * discarded). Without {@code --kill-at} it is the plain server.
 */
public final class KillSwitchServer {

    public enum KillPoint {
        CRAWL,
        MATCH,
        REPORT,
        CLEANUP
    }

    public static void main(String[] args) throws InterruptedException {
        try (var server = IdmapServer.start(List.of(args), Configuration.class)) {
            server.awaitShutdown();
        }
    }

    /** kill -9 of this very process; the calling thread never returns. */
    static void killSelf(String where) {
        System.out.println("KillSwitchServer: kill -9 at " + where);
        try {
            new ProcessBuilder(
                            "kill", "-9", Long.toString(ProcessHandle.current().pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
            Runtime.getRuntime().halt(137);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Configuration {

        /** The real engine (one crawl worker: parts finish in plan order), killing its process where told. */
        @Bean
        @Primary
        MappingEngine killingEngine(DataSource dataSource, Clock clock, Environment environment) {
            var real = new StagedMappingEngine(dataSource, new AtlassianCrawlers(), clock, 1);
            var at = killPoint(environment);
            return new MappingEngine() {
                @Override
                public MappingOutcome run(MappingRequest request, Path outputDir, ProgressListener listener) {
                    return real.run(request, outputDir, progress -> {
                        if (at != null && reached(at, progress)) {
                            killSelf(at + " " + progress);
                        }
                        listener.onProgress(progress);
                    });
                }

                @Override
                public void forEachDecision(MappingRequest request, Consumer<DetailedRow> sink) {
                    real.forEachDecision(request, sink);
                }

                @Override
                public void discard(String runId) {
                    if (at == KillPoint.CLEANUP) {
                        killSelf("CLEANUP of " + runId);
                    }
                    real.discard(runId);
                }

                @Override
                public Set<String> stagedRunIds() {
                    return real.stagedRunIds();
                }
            };
        }

        private static KillPoint killPoint(Environment environment) {
            var value = environment.getProperty("kill-at", "");
            return value.isBlank() ? null : KillPoint.valueOf(value);
        }

        private static boolean reached(KillPoint at, Progress progress) {
            return switch (at) {
                case CRAWL ->
                    progress.phase() == Phase.CRAWL
                            && progress.partsTotal() > 0
                            && progress.partsDone() >= progress.partsTotal() / 2;
                case MATCH -> progress.phase() == Phase.MATCH && progress.partsDone() >= 1;
                case REPORT -> progress.phase() == Phase.REPORT;
                case CLEANUP -> false;
            };
        }
    }
}
