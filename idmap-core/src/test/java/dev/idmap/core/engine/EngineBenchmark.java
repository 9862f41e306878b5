package dev.idmap.core.engine;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Not a test: measures the engine's own cost (staging, matching, reporting) with generated sites that cost
 * nothing to crawl, on H2 and PostgreSQL side by side in one JVM, and prints and appends the figures to a file.
 *
 * <p>Run: {@code java -cp <test classpath> dev.idmap.core.engine.EngineBenchmark [issuesPerProject] [projects] [out]}
 */
public final class EngineBenchmark {

    public static void main(String[] args) throws IOException {
        int perProject = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int projects = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var out = Path.of(args.length > 2 ? args[2] : "target/engine-benchmark.txt");
        var lines = new StringBuilder();
        lines.append("engine benchmark ")
                .append(Instant.now())
                .append(": ")
                .append(projects)
                .append(" projects x ")
                .append(perProject)
                .append(" issues, 1 comment per issue, both sides; max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MiB\n");
        var databases = System.getenv().getOrDefault("BENCH_DATABASES", "h2,postgresql");
        for (var database : List.of(databases.split(","))) {
            DataSource dataSource = database.equals("h2") ? h2File() : postgres();
            var phases = new java.util.LinkedHashMap<String, long[]>();
            var engine = new StagedMappingEngine(
                    dataSource,
                    (product, side, connection) -> new GeneratedSite(side, projects, perProject),
                    InstantSource.system());
            var request = new MappingRequest(
                    "bench-" + database,
                    Product.JIRA,
                    new SiteConnection(URI.create("https://dc.test"), new SiteConnection.SiteAuth.Bearer("x")),
                    new SiteConnection(URI.create("https://x.atlassian.net"), new SiteConnection.SiteAuth.Bearer("x")),
                    Set.of(EntityType.PROJECT, EntityType.ISSUE, EntityType.COMMENT),
                    Set.of());
            long[] last = {System.nanoTime()};
            String[] phase = {""};
            long started = System.nanoTime();
            long jvmCpuBefore = jvmCpuNanos();
            long serverCpuBefore = database.equals("h2") ? 0 : postgresServerCpuNanos();
            var outcome = engine.run(request, Path.of("target/benchmark-" + database), progress -> {
                if (!progress.phase().name().equals(phase[0])) {
                    long now = System.nanoTime();
                    if (!phase[0].isEmpty()) {
                        phases.get(phase[0])[0] += now - last[0];
                    }
                    phase[0] = progress.phase().name();
                    last[0] = now;
                }
                phases.computeIfAbsent(progress.phase().name(), p -> new long[2])[1] =
                        Math.max(phases.get(progress.phase().name())[1], progress.entitiesProcessed());
            });
            phases.get(phase[0])[0] += System.nanoTime() - last[0];
            long total = System.nanoTime() - started;
            long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
            long serverCpu = database.equals("h2") ? 0 : postgresServerCpuNanos() - serverCpuBefore;
            long discardStarted = System.nanoTime();
            if (System.getenv("BENCH_KEEP") == null) {
                engine.discard(request.runId());
            }
            long discard = System.nanoTime() - discardStarted;
            lines.append(String.format(
                    "%-10s total %6.1f s, %,d rows (%,d matched); CPU: JVM %.1f s, database server %.1f s;"
                            + " load average %s%n",
                    label(database),
                    total / 1e9,
                    outcome.summary().rows(),
                    outcome.summary().matched(),
                    jvmCpu / 1e9,
                    serverCpu / 1e9,
                    loadAverage()));
            lines.append(String.format("%-10s   %-18s %6.1f s%n", "", "discard", discard / 1e9));
            phases.forEach((name, figures) -> lines.append(String.format(
                    "%-10s   %-18s %6.1f s  %,9d entities  %,8.0f entities/s%n",
                    "", name, figures[0] / 1e9, figures[1], figures[1] / Math.max(1e-9, figures[0] / 1e9))));
        }
        lines.append(String.format(
                "peak heap after runs: %d MiB (used)%n",
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024)));
        System.out.print(lines);
        Files.writeString(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * The test PostgreSQL in a schema of this JVM, dropped at exit; with {@code BENCH_KEEP} set, in schema
     * {@code idmap_bench_keep}, made afresh and kept with the run's staged data (for {@code EXPLAIN}).
     */
    private static DataSource postgres() {
        if (System.getenv("BENCH_KEEP") == null) {
            return TestDatabases.postgres("idmap_core_benchmark");
        }
        try (var connection = dev.idmap.core.testing.TestPostgres.connect();
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists idmap_bench_keep cascade");
            statement.execute("create schema idmap_bench_keep");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        var dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setURL(dev.idmap.core.testing.TestPostgres.URL);
        dataSource.setUser(dev.idmap.core.testing.TestPostgres.USER);
        dataSource.setPassword(dev.idmap.core.testing.TestPostgres.PASSWORD);
        dataSource.setCurrentSchema("idmap_bench_keep");
        return dataSource;
    }

    private static String label(String database) {
        var label = System.getenv("BENCH_LABEL");
        return label == null ? database : database + " (" + label + ")";
    }

    private static long jvmCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" 0*[0-9]+/")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU time so far of the test PostgreSQL server's processes, read from /proc: the postmaster (found through the
     * backend of a connection) and its children, each with its own time, plus the postmaster's exited children's
     * (backends that ended). Other clients of the same server are counted too: run on a quiet server.
     */
    private static long postgresServerCpuNanos() {
        long postmaster;
        try (var connection = dev.idmap.core.testing.TestPostgres.connect();
                var statement = connection.createStatement();
                var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            postmaster = Long.parseLong(stat(Path.of("/proc", result.getString(1)))[1]);
        } catch (java.sql.SQLException | IOException | RuntimeException e) {
            return 0;
        }
        long ticks = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (var dir : processes
                    .filter(d -> d.getFileName().toString().matches("[0-9]+"))
                    .toList()) {
                try {
                    var fields = stat(dir);
                    long pid = Long.parseLong(dir.getFileName().toString());
                    // fields from state (3rd of stat): ppid 4, utime 14, stime 15, cutime 16, cstime 17 -> index - 3
                    if (pid == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                    } else if (Long.parseLong(fields[1]) == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static String[] stat(Path process) throws IOException {
        var stat = Files.readString(process.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static DataSource h2File() throws IOException {
        var directory = Files.createTempDirectory("idmap-bench");
        var dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("idmap")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                + System.getenv().getOrDefault("BENCH_H2_OPTIONS", ""));
        return dataSource;
    }

    /** A site generated on the fly: nothing is held in memory, as with a real crawler streaming pages. */
    private record GeneratedSite(Side side, int projects, int perProject) implements SiteCrawler {

        @Override
        public void verifyAccess() {}

        @Override
        public Set<EntityType> supportedTypes() {
            return Set.of(EntityType.PROJECT, EntityType.ISSUE, EntityType.COMMENT, EntityType.JIRA_USER);
        }

        @Override
        public List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys) {
            if (type == EntityType.ISSUE || type == EntityType.COMMENT) {
                return IntStream.range(0, projects)
                        .mapToObj(p -> CrawlScope.of(type, "P" + p))
                        .toList();
            }
            return List.of(CrawlScope.wholeSite(type));
        }

        @Override
        public void crawl(CrawlScope scope, EntitySink sink) {
            int offset = side == Side.SOURCE ? 0 : 5_000_000;
            switch (scope.type()) {
                case PROJECT -> {
                    for (int p = 0; p < projects; p++) {
                        sink.accept(new SiteEntity(
                                EntityType.PROJECT, String.valueOf(offset + p), null, "P" + p, Map.of()));
                    }
                }
                case JIRA_USER ->
                    sink.accept(new SiteEntity(
                            EntityType.JIRA_USER,
                            side == Side.SOURCE ? "JIRAUSER1" : "acc-1",
                            null,
                            side == Side.SOURCE ? "admin" : null,
                            Map.of("email", "admin@example.com")));
                case ISSUE, COMMENT -> {
                    int p = Integer.parseInt(scope.containerKey().substring(1));
                    for (int i = 1; i <= perProject; i++) {
                        var issueId = String.valueOf(offset + 100_000 + p * perProject + i);
                        if (scope.type() == EntityType.ISSUE) {
                            sink.accept(new SiteEntity(
                                    EntityType.ISSUE,
                                    issueId,
                                    String.valueOf(offset + p),
                                    "P" + p + "-" + i,
                                    Map.of()));
                        } else {
                            sink.accept(new SiteEntity(
                                    EntityType.COMMENT,
                                    String.valueOf(offset + 2_000_000 + p * perProject + i),
                                    issueId,
                                    null,
                                    Map.of(
                                            "author",
                                            side == Side.SOURCE ? "JIRAUSER1" : "acc-1",
                                            "created",
                                            "2024-01-01T00:00:00.000Z")));
                        }
                    }
                }
                default -> {}
            }
        }

        @Override
        public boolean keepsMigrationRecords() {
            return side == Side.DESTINATION;
        }

        @Override
        public Map<String, String> migratedAccountIds(
                java.util.Collection<String> serverUsers,
                boolean byKey,
                java.util.function.Consumer<dev.idmap.core.crawl.SkippedDetail> skipped) {
            return Map.of();
        }

        @Override
        public Map<String, Long> requestCounts() {
            return Map.of();
        }
    }
}
