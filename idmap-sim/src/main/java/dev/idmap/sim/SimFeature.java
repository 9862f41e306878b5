package dev.idmap.sim;

import java.util.Optional;

/**
 * A part of a site's REST API that real sites may lack, and that a simulation can switch off to show how a client
 * copes: an app not installed, an older version, an endpoint a Cloud site no longer serves. Each is what such a site
 * does, never an invented error: a missing endpoint is simply not there (the site's ordinary 404), a missing expand
 * is left out of the answer.
 */
public enum SimFeature {
    /**
     * Jira Software on the Data Center site: without it, {@code /rest/agile/1.0/…} (boards, sprints) does not exist.
     */
    JIRA_DC_AGILE_API(SimProduct.JIRA, SimSite.SOURCE, "/rest/agile/"),
    /**
     * The v1 group listing of the Confluence Cloud site ({@code /wiki/rest/api/group} and its members), which
     * Atlassian deprecates in favour of the admin APIs.
     */
    CONFLUENCE_CLOUD_V1_GROUPS(SimProduct.CONFLUENCE, SimSite.DESTINATION, "/wiki/rest/api/group"),
    /**
     * The Jira Cloud site's user migration records ({@code /rest/api/3/user/bulk/migration}), which a site may not
     * answer (404): server users can then be matched by e-mail address only.
     */
    JIRA_CLOUD_USER_MIGRATION(SimProduct.JIRA, SimSite.DESTINATION, "/rest/api/3/user/bulk/migration"),
    /**
     * The project-role resources of a Jira Data Center project ({@code /rest/api/2/project/{key}/role} and
     * {@code …/role/{id}}), which Jira answers 404 for a project the account may not administer.
     */
    JIRA_DC_PROJECT_ROLES(SimProduct.JIRA, SimSite.SOURCE, "/rest/api/2/project/{projectIdOrKey}/role"),
    /**
     * A Jira Cloud board's configuration ({@code /rest/agile/1.0/board/{id}/configuration}), which Cloud refuses for
     * boards the account may not administer: the board then has no known filter.
     */
    JIRA_CLOUD_BOARD_CONFIGURATION(
            SimProduct.JIRA, SimSite.DESTINATION, "/rest/agile/1.0/board/{boardId}/configuration"),
    /**
     * The Confluence Cloud site's user migration records ({@code /wiki/rest/api/user/bulk/migration}): without them
     * server users cannot be matched (Data Center shows no e-mail addresses over REST).
     */
    CONFLUENCE_CLOUD_USER_MIGRATION(SimProduct.CONFLUENCE, SimSite.DESTINATION, "/wiki/rest/api/user/bulk/migration"),
    /**
     * {@code expand=creator} on the Confluence Data Center space listing, which older versions ignore: spaces come
     * without their creator (a personal space's owner).
     */
    CONFLUENCE_DC_SPACE_CREATOR(SimProduct.CONFLUENCE, SimSite.SOURCE, null),
    /**
     * The content scan of Confluence Data Center ({@code /rest/api/content/scan}, Confluence 7.18 and later): older
     * sites page content through {@code /rest/api/content} and list comments per page or blog post.
     */
    CONFLUENCE_DC_CONTENT_SCAN(SimProduct.CONFLUENCE, SimSite.SOURCE, "/rest/api/content/scan");

    private final SimProduct product;
    private final SimSite site;
    private final String routePrefix;

    SimFeature(SimProduct product, SimSite site, String routePrefix) {
        this.product = product;
        this.site = site;
        this.routePrefix = routePrefix;
    }

    public SimProduct product() {
        return product;
    }

    public SimSite site() {
        return site;
    }

    /** The endpoints (under the site's context path) that exist only with this feature, if it is a set of routes. */
    public Optional<String> routePrefix() {
        return Optional.ofNullable(routePrefix);
    }
}
