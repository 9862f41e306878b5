package dev.idmap.service.lookup;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.Product;
import dev.idmap.core.report.DetailedRow;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Not a test: the service's publishing step alone, at a size a crawl on this machine would take hours to reach. A
 * stream of N generated decisions (as the engine's decision stream hands them over: issues with keys, users with
 * usernames, some unmatched) fills the lookup table of an H2 file database with the real migrations, while a
 * sampler keeps the peak used heap and resident set. Run it with a small heap to see that memory does not grow with
 * N: {@code java -Xmx256m -cp <test classpath> dev.idmap.service.lookup.PublishBenchmark 4600000 [out]}.
 */
public final class PublishBenchmark {

    private PublishBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        var out = Path.of(args.length > 1 ? args[1] : "benchmarks/results");
        var dir = Files.createTempDirectory("idmap-publish-bench-");
        var database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + dir.resolve("idmap")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        var table = new LookupTable(database);
        var peakHeap = new AtomicLong();
        var peakRss = new AtomicLong();
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakRss.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        long loaded = table.fill("bench-job", Product.JIRA, sink -> generate(rows, sink), n -> {});
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        var line = String.format(
                "publish benchmark %s (%d cores): %d decisions into the lookup table (H2 file, batches of %d) in"
                        + " %.1f s (%.0f rows/s); max heap %d MB, peak heap used %d MB, peak RSS %d MB",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                loaded,
                LookupTable.BATCH,
                seconds,
                loaded / seconds,
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                peakHeap.get() / (1024 * 1024),
                peakRss.get() / 1024);
        System.out.println(line);
        Files.createDirectories(out);
        Files.writeString(
                out.resolve("publish-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + ".txt"),
                line + "\n");
        FileUtils.deleteDirectory(dir.toFile());
    }

    /** Decisions in the shape the engine streams them: 2% users, 1% unmatched issues, the rest matched issues. */
    private static void generate(long rows, Consumer<DetailedRow> sink) {
        for (long i = 0; i < rows; i++) {
            var project = "P" + (i % 10);
            var key = project + "-" + i;
            if (i % 50 == 0) {
                sink.accept(new DetailedRow(
                        "identity:user",
                        "JIRAUSER" + (10000 + i),
                        "557058:" + Long.toHexString(i * 7919) + "-account",
                        MatchStatus.MATCHED,
                        "user-migration-record",
                        "user" + i,
                        null,
                        null,
                        null,
                        null));
            } else if (i % 100 == 1) {
                sink.accept(new DetailedRow(
                        "jira:issue",
                        Long.toString(100000 + i),
                        null,
                        MatchStatus.UNMATCHED,
                        null,
                        key,
                        null,
                        project,
                        null,
                        "no issue with key " + key + " on the destination"));
            } else {
                sink.accept(new DetailedRow(
                        "jira:issue",
                        Long.toString(100000 + i),
                        Long.toString(5000000 + i),
                        MatchStatus.MATCHED,
                        "issue-key",
                        key,
                        key,
                        project,
                        null,
                        null));
            }
        }
    }

    private static long rssKb() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux
        }
        return 0;
    }
}
