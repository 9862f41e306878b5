package dev.idmap.service.accesslog;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the access log just inside the request-id filter, around everything else (API and console alike). */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration {

    @Bean
    FilterRegistrationBean<AccessLog> accessLog() {
        var registration = new FilterRegistrationBean<>(new AccessLog());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
