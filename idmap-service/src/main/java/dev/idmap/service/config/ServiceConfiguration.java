package dev.idmap.service.config;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.engine.MappingEngine;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.service.api.BodySizeLimit;
import dev.idmap.service.api.EnvelopeErrorValve;
import dev.idmap.service.api.ErrorWriter;
import dev.idmap.service.api.RequestIds;
import dev.idmap.service.api.TomcatErrors;
import dev.idmap.service.jobs.DatabaseOutage;
import dev.idmap.service.jobs.JobMetrics;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.JobRunner;
import dev.idmap.service.jobs.Jobs;
import dev.idmap.service.jobs.OwnExecutions;
import dev.idmap.service.jobs.Sweeper;
import dev.idmap.service.lookup.LookupTable;
import dev.idmap.service.lookup.Lookups;
import dev.idmap.service.security.Callers;
import dev.idmap.service.security.TriggerRateLimiter;
import dev.idmap.service.storage.LinkSigner;
import dev.idmap.service.storage.LocalReportStore;
import dev.idmap.service.storage.ReportStore;
import dev.idmap.service.storage.S3ReportStore;
import dev.idmap.service.storage.SigningKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Wires idmap's parts from {@link IdmapProperties}. Production wiring only: tests replace nothing but the clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdmapProperties.class)
public class ServiceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** db-scheduler reads the same clock, so that "due now" means the same instant to the jobs and the scheduler. */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
        return clock::instant;
    }

    @Bean
    Sites sites(IdmapProperties properties) {
        return new Sites(properties.sites(), System::getenv);
    }

    @Bean
    Callers callers(IdmapProperties properties) {
        if (properties.api().callers().isEmpty()) {
            log.warn("no API callers are configured (idmap.api.callers): every API call will be refused with 401");
        }
        return new Callers(properties.api().callers());
    }

    @Bean
    TriggerRateLimiter triggerRateLimiter(IdmapProperties properties, Clock clock) {
        var rate = properties.api().triggerRate();
        return new TriggerRateLimiter(rate.burst(), rate.perMinute(), clock);
    }

    @Bean
    Jobs jobs(DataSource dataSource) {
        return new Jobs(dataSource);
    }

    /** The real engine: crawls the configured sites, stages and checkpoints in idmap's own database. */
    @Bean
    MappingEngine mappingEngine(DataSource dataSource, Clock clock, IdmapProperties properties) {
        return new StagedMappingEngine(
                dataSource, new AtlassianCrawlers(), clock, properties.jobs().crawlWorkers());
    }

    @Bean
    @DependsOnDatabaseInitialization
    ReportStore reportStore(IdmapProperties properties, DataSource dataSource, Clock clock) {
        var storage = properties.storage();
        return switch (storage.type()) {
            case LOCAL -> {
                var key = SigningKeys.load(storage.local().signingKey(), dataSource);
                var publicUrl = storage.local().publicUrl() == null
                                || storage.local().publicUrl().isBlank()
                        ? null
                        : URI.create(storage.local().publicUrl());
                yield new LocalReportStore(properties.localReportDir(), new LinkSigner(key), clock, publicUrl);
            }
            case S3 -> s3Store(storage.s3());
        };
    }

    private static ReportStore s3Store(IdmapProperties.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new ConfigurationMistake("idmap.storage.s3.bucket is required when idmap.storage.type is S3");
        }
        AwsCredentialsProvider credentials = s3.accessKeyId() != null && s3.secretAccessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        var configuration =
                S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build();
        var client = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(configuration);
        var presigner = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(configuration);
        if (s3.endpoint() != null && !s3.endpoint().isBlank()) {
            client.endpointOverride(URI.create(s3.endpoint()));
            presigner.endpointOverride(URI.create(s3.endpoint()));
        }
        return new S3ReportStore(client.build(), presigner.build(), s3.bucket(), s3.prefix());
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry registry, Jobs jobs, Clock clock) {
        return new JobMetrics(registry, jobs, clock);
    }

    @Bean
    LookupTable lookupTable(DataSource dataSource) {
        return new LookupTable(dataSource);
    }

    @Bean
    JobRunner jobRunner(
            Jobs jobs,
            MappingEngine engine,
            Sites sites,
            ReportStore store,
            Clock clock,
            IdmapProperties properties,
            JobMetrics metrics,
            LookupTable lookups,
            DataSource dataSource) {
        return new JobRunner(
                jobs,
                engine,
                sites,
                store,
                clock,
                properties.workDir(),
                metrics,
                lookups,
                new DatabaseOutage(dataSource));
    }

    /**
     * This node's name in the scheduler's table: stable across restarts, unique in a cluster (default: host name).
     * And the scheduler's SQL dialect: db-scheduler knows PostgreSQL (and others) by itself; for H2 it has none and
     * warns at every start, so the default one is chosen here explicitly: H2 needs nothing database-specific, and the
     * time columns are {@code timestamp with time zone} (see V1__jobs.sql), so no UTC conversion either.
     */
    @Bean
    DbSchedulerCustomizer nodeName(IdmapProperties properties, DataSource dataSource) {
        var configured = properties.jobs().nodeName();
        var name = configured == null || configured.isBlank() ? new SchedulerName.Hostname().getName() : configured;
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<SchedulerName> schedulerName() {
                return Optional.of(new SchedulerName.Fixed(name));
            }

            @Override
            public Optional<JdbcCustomization> jdbcCustomization() {
                return isH2(dataSource) ? Optional.of(new DefaultJdbcCustomization(false)) : Optional.empty();
            }
        };
    }

    private static boolean isH2(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            return false; // db-scheduler detects the database itself, and says what failed
        }
    }

    /**
     * The job task; before the scheduler gets it, the executions this node held when it stopped are released, so
     * that its interrupted jobs continue at once (see {@link OwnExecutions}).
     */
    @Bean
    @DependsOnDatabaseInitialization
    Task<Void> mappingJobTask(
            JobRunner runner,
            DataSource dataSource,
            DbSchedulerCustomizer nodeName,
            DbSchedulerProperties scheduler,
            Clock clock) {
        var node = nodeName.schedulerName().orElseThrow().getName();
        var released = OwnExecutions.release(dataSource, scheduler.getTableName(), node, clock.instant());
        if (released > 0) {
            log.info("{} job execution(s) of this node ({}) interrupted by its last stop continue now", released, node);
        }
        return runner.task();
    }

    /**
     * Graceful shutdown, first step: running jobs stop at their next checkpoint (they stay IN_PROGRESS and continue
     * after the restart); then the web server finishes the requests in flight and the scheduler stops.
     */
    @EventListener(ContextClosedEvent.class)
    void stopJobs(ContextClosedEvent event) {
        var context = event.getApplicationContext();
        context.getBean(JobRunner.class)
                .stopAll(context.getBean(IdmapProperties.class).jobs().shutdownGrace());
    }

    @Bean
    Sweeper sweeper(Jobs jobs, ReportStore store, LookupTable lookups, Clock clock, IdmapProperties properties) {
        return new Sweeper(jobs, store, lookups, clock, properties.retention());
    }

    @Bean
    Task<Void> sweeperTask(Sweeper sweeper, IdmapProperties properties) {
        return Tasks.recurring(
                        Sweeper.TASK_NAME, FixedDelay.of(properties.retention().sweepInterval()))
                .execute((instance, context) -> sweeper.sweep());
    }

    @Bean
    JobQueue jobQueue(
            Jobs jobs,
            SchedulerClient scheduler,
            JobRunner runner,
            ReportStore store,
            LookupTable lookups,
            TriggerRateLimiter rateLimiter,
            Clock clock,
            IdmapProperties properties) {
        return new JobQueue(jobs, scheduler, runner, store, new Lookups(lookups), rateLimiter, clock, properties);
    }

    /** Jobs accepted but never handed to the scheduler (a crash between the two) are scheduled on start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleActiveJobs(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        context.getBean(JobQueue.class).scheduleActive();
        context.getBean(JobRunner.class).discardStagingOfEndedJobs();
    }

    @Bean
    TomcatErrors tomcatErrors() {
        return new TomcatErrors();
    }

    /**
     * What Spring Security's firewall refuses (a control character in a header, a non-normalised path) is answered in
     * the envelope here: its default handler's error page would be refused by the same firewall and come out empty.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            var reason = String.valueOf(rejected.getMessage()).replaceAll("\\p{Cntrl}", "?");
            log.info("refused {}: {}", request.getMethod(), reason.length() > 200 ? reason.substring(0, 200) : reason);
            ErrorWriter.write(request, response, 400, EnvelopeErrorValve.message(400), null);
        };
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        var registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(IdmapProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimit(properties.api().maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Readiness includes the report store: a node that cannot store or serve reports is not ready. */
    @Bean
    HealthIndicator reportStoreHealthIndicator(ReportStore store) {
        return () -> {
            try {
                store.check();
                return Health.up()
                        .withDetail("store", store.getClass().getSimpleName())
                        .build();
            } catch (RuntimeException e) {
                return Health.down()
                        .withDetail("store", store.getClass().getSimpleName())
                        .withDetail("problem", String.valueOf(e.getMessage()))
                        .build();
            }
        };
    }
}
