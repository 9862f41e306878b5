package dev.idmap.service.api;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Makes Tomcat answer what it refuses by itself in the API's envelope: {@link EnvelopeErrorValve} replaces its
 * HTML error page (Spring Boot's own {@code ErrorReportValve}, added when stack traces are hidden, included).
 */
public final class TomcatErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(EnvelopeErrorValve.class.getName());
            }
            // by the time the context starts, the host has all its valves: keep only ours
            context.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    var pipeline = context.getParent().getPipeline();
                    for (var valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof EnvelopeErrorValve)) {
                            pipeline.removeValve(valve);
                        }
                    }
                }
            });
        });
    }
}
