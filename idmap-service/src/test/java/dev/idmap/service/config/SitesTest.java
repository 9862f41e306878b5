package dev.idmap.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.model.Product;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitesTest {

    @TempDir
    Path temp;

    static IdmapProperties.Site site(String url, IdmapProperties.SiteAuth auth) {
        return new IdmapProperties.Site("dc", Product.JIRA, url, "http://127.0.0.1:8080/jira", auth, false);
    }

    @Test
    void a_secret_comes_from_the_named_environment_variable_and_never_prints() {
        var sites = new Sites(
                List.of(site(
                        "https://jira.company.com",
                        new IdmapProperties.SiteAuth(IdmapProperties.AuthType.BEARER, null, "JIRA_PAT", null))),
                Map.of("JIRA_PAT", "pat-secret-value")::get);

        var connection = sites.connect(sites.byUrl("https://jira.company.com").orElseThrow());

        assertThat(connection.baseUrl()).hasToString("http://127.0.0.1:8080/jira");
        assertThat(connection.auth()).isEqualTo(new SiteAuth.Bearer("pat-secret-value"));
        assertThat(connection.toString()).doesNotContain("pat-secret-value");
    }

    @Test
    void a_secret_comes_from_a_file_without_its_trailing_newline() throws Exception {
        var file = Files.writeString(temp.resolve("secret"), "api-token\n");
        var sites = new Sites(
                List.of(site(
                        "https://jira.company.com",
                        new IdmapProperties.SiteAuth(IdmapProperties.AuthType.BASIC, "bot", null, file))),
                name -> null);

        var connection = sites.connect(sites.byUrl("https://jira.company.com").orElseThrow());

        assertThat(connection.auth()).isEqualTo(new SiteAuth.Basic("bot", "api-token"));
    }

    @Test
    void a_missing_secret_is_named_by_where_it_should_be() {
        var sites = new Sites(
                List.of(site(
                        "https://jira.company.com",
                        new IdmapProperties.SiteAuth(IdmapProperties.AuthType.BEARER, null, "JIRA_PAT", null))),
                name -> null);

        assertThatThrownBy(() ->
                        sites.connect(sites.byUrl("https://jira.company.com").orElseThrow()))
                .isInstanceOf(Sites.SiteSecretMissing.class)
                .hasMessage("the environment variable JIRA_PAT holding the secret of site dc is not set");
    }

    @Test
    void only_configured_urls_of_the_right_product_are_sites() {
        var sites = new Sites(
                List.of(site(
                        "https://jira.company.com",
                        new IdmapProperties.SiteAuth(IdmapProperties.AuthType.BEARER, null, "X", null))),
                name -> null);

        assertThat(sites.isConfigured("https://jira.company.com", Product.JIRA)).isTrue();
        assertThat(sites.isConfigured("https://jira.company.com", Product.CONFLUENCE))
                .isFalse();
        assertThat(sites.isConfigured("https://jira.company.com/", Product.JIRA))
                .isFalse();
        assertThat(sites.byUrl("https://other.company.com")).isEmpty();
    }

    @Test
    void a_site_without_a_secret_source_is_a_configuration_error() {
        assertThatThrownBy(() -> new Sites(
                        List.of(site(
                                "https://jira.company.com",
                                new IdmapProperties.SiteAuth(IdmapProperties.AuthType.BEARER, null, null, null))),
                        name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret-env")
                .hasMessageContaining("secret-file");
    }
}
