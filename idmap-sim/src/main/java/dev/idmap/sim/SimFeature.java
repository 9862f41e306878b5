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
     * {@code expand=creator} on the Confluence Data Center space listing, which older versions ignore: spaces come
     * without their creator (a personal space's owner).
     */
    CONFLUENCE_DC_SPACE_CREATOR(SimProduct.CONFLUENCE, SimSite.SOURCE, null);

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
