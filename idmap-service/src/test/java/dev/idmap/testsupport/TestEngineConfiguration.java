package dev.idmap.testsupport;

import dev.idmap.core.engine.MappingEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replaces the engine by {@link FixedReportEngine} and the clock by a {@link MutableClock}. */
@Configuration(proxyBeanMethods = false)
public class TestEngineConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    @Primary
    MappingEngine fixedReportEngine() {
        return new FixedReportEngine();
    }

    /** A test-only endpoint (registered as a member of this configuration) that fails unexpectedly, to pin a 500. */
    @io.swagger.v3.oas.annotations.Hidden
    @RestController
    static class Failing {
        @GetMapping("/test-only/boom")
        String boom() {
            throw new IllegalStateException("database password=hunter2 leaked in a stack trace");
        }
    }
}
