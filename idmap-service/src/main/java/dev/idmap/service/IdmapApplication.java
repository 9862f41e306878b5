package dev.idmap.service;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Spring Boot application; started through {@link IdmapServer}. */
@SpringBootApplication
public class IdmapApplication {

    /** The OpenAPI document's header; the paths come from the controllers. Served at {@code /v3/api-docs}. */
    @Bean
    OpenAPI idmapOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("idmap: Id Mapping API")
                        .version("v1")
                        .description("Self-hosted, wire-compatible implementation of Atlassian's Id Mapping report"
                                + " API (trigger, status, download), plus list, cancel, per-ID lookups and a"
                                + " JCMA-compatible endpoint. Every error is {status, errorMessage, errors?, id}.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/")));
    }
}
