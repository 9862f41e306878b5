package dev.idmap.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The table of entity types idmap maps. Each row names its App Migration Platform namespace (the
 * {@code entityType} column of the reports), its product, and the type of its container: a
 * {@link dev.idmap.core.crawl.SiteEntity#parentId()} refers to an entity of that type on the same side.
 *
 * <p>The attributes each type carries are specified in {@code docs/crawl-contract.md}; crawling,
 * matching and reporting are all driven from this table.
 */
public enum EntityType {
    // --- Jira: identity
    JIRA_USER(Product.JIRA, "identity:user", null),
    JIRA_GROUP(Product.JIRA, "identity:group", null, Availability.OPTIONAL),
    // --- Jira: global configuration
    PROJECT_CATEGORY(Product.JIRA, "jira:projectCategory", null),
    PROJECT(Product.JIRA, "jira/classic:project", null),
    PRIORITY(Product.JIRA, "jira:priority", null),
    RESOLUTION(Product.JIRA, "jira:resolution", null),
    ISSUE_TYPE(Product.JIRA, "jira/classic:issueType", PROJECT),
    ISSUE_STATUS(Product.JIRA, "jira/classic:issueStatus", PROJECT),
    ISSUE_LINK_TYPE(Product.JIRA, "jira:issueLinkType", null),
    PROJECT_ROLE(Product.JIRA, "jira:projectRole", null),
    CUSTOM_FIELD(Product.JIRA, "jira/classic:customField", null),
    CUSTOM_FIELD_CONTEXT(Product.JIRA, "jira/classic:customFieldConfigScheme", CUSTOM_FIELD),
    CUSTOM_FIELD_OPTION(Product.JIRA, "jira/classic:customFieldOption", CUSTOM_FIELD),
    // --- Jira: project content
    COMPONENT(Product.JIRA, "jira:projectComponent", PROJECT),
    VERSION(Product.JIRA, "jira:projectVersion", PROJECT),
    FILTER(Product.JIRA, "jira:filter", null, Availability.OPTIONAL),
    DASHBOARD(Product.JIRA, "jira:portalPage", null, Availability.OPTIONAL),
    BOARD(Product.JIRA, "jira/classic/software:rapidView", null, Availability.OPTIONAL),
    SPRINT(Product.JIRA, "jira/classic/software:sprint", BOARD, Availability.OPTIONAL),
    ISSUE(Product.JIRA, "jira:issue", PROJECT),
    COMMENT(Product.JIRA, "jira:comment", ISSUE),
    WORKLOG(Product.JIRA, "jira:worklog", ISSUE),
    ATTACHMENT(Product.JIRA, "jira:fileAttachment", ISSUE),
    ISSUE_LINK(Product.JIRA, "jira:issueLink", null),
    // --- Confluence
    CONFLUENCE_USER(Product.CONFLUENCE, "identity:user", null),
    CONFLUENCE_GROUP(Product.CONFLUENCE, "identity:group", null, Availability.OPTIONAL),
    SPACE(Product.CONFLUENCE, "confluence:space", null),
    PAGE(Product.CONFLUENCE, "confluence:page", SPACE),
    BLOG_POST(Product.CONFLUENCE, "confluence:blogpost", SPACE),
    CONFLUENCE_ATTACHMENT(Product.CONFLUENCE, "confluence:attachment", null),
    CONFLUENCE_COMMENT(Product.CONFLUENCE, "confluence:comment", null);

    /**
     * What a site's refusal to list a type means. A 404 on a listing always means the site does not offer it (an
     * older version, an app not installed): the type is recorded as <em>not available on this site</em> and the
     * rest of the run goes on. A 403 means the account lacks a permission, which fails the run so that the
     * administrator grants it, unless the type is {@link #OPTIONAL}.
     */
    public enum Availability {
        /** Every site of the product lists it to an administrator: a 403 fails the run. */
        CORE,
        /**
         * An app (Jira Software for boards and sprints) or a permission beyond the inventory's (browsing groups,
         * filters and dashboards shared with others) decides whether the site lists it: a 403 makes it not
         * available, like a 404.
         */
        OPTIONAL
    }

    private final Product product;
    private final String namespace;
    private final EntityType parent;
    private final Availability availability;

    EntityType(Product product, String namespace, EntityType parent) {
        this(product, namespace, parent, Availability.CORE);
    }

    EntityType(Product product, String namespace, EntityType parent, Availability availability) {
        this.product = product;
        this.namespace = namespace;
        this.parent = parent;
        this.availability = availability;
    }

    /** Whether a 403 on this type's listing fails the run ({@link Availability#CORE}) or makes it not available. */
    public Availability availability() {
        return availability;
    }

    public Product product() {
        return product;
    }

    /** The App Migration Platform namespace written in the {@code entityType} column. */
    public String namespace() {
        return namespace;
    }

    /** The type a {@code parentId} refers to, if this type lives in a container. */
    public Optional<EntityType> parent() {
        return Optional.ofNullable(parent);
    }

    public static List<EntityType> of(Product product) {
        return Arrays.stream(values()).filter(t -> t.product == product).toList();
    }

    public static Optional<EntityType> byNamespace(Product product, String namespace) {
        return Arrays.stream(values())
                .filter(t -> t.product == product && t.namespace.equals(namespace))
                .findFirst();
    }
}
