package dev.idmap.service.console;

import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.storage.ReportStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's parts; its pages are the {@code *Page} controllers of this package. */
@Configuration(proxyBeanMethods = false)
class ConsoleWiring {

    @Bean
    ConsoleJobs consoleJobs(JobQueue queue) {
        return new ConsoleJobs(queue);
    }

    @Bean
    DetailedRows detailedRows(ReportStore store) {
        return new DetailedRows(store);
    }
}
