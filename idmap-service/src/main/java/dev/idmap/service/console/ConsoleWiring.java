package dev.idmap.service.console;

import dev.idmap.service.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's parts; its pages are the {@code *Page} controllers of this package. */
@Configuration(proxyBeanMethods = false)
class ConsoleWiring {

    @Bean
    DetailedRows detailedRows(JobQueue queue) {
        return new DetailedRows(queue);
    }
}
