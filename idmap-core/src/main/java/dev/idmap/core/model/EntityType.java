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
    JIRA_GROUP(Product.JIRA, "identity:group", null),
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
    FILTER(Product.JIRA, "jira:filter", null),
    DASHBOARD(Product.JIRA, "jira:portalPage", null),
    BOARD(Product.JIRA, "jira/classic/software:rapidView", null),
    SPRINT(Product.JIRA, "jira/classic/software:sprint", BOARD),
    ISSUE(Product.JIRA, "jira:issue", PROJECT),
    COMMENT(Product.JIRA, "jira:comment", ISSUE),
    WORKLOG(Product.JIRA, "jira:worklog", ISSUE),
    ATTACHMENT(Product.JIRA, "jira:fileAttachment", ISSUE),
    ISSUE_LINK(Product.JIRA, "jira:issueLink", null),
    // --- Confluence
    CONFLUENCE_USER(Product.CONFLUENCE, "identity:user", null),
    CONFLUENCE_GROUP(Product.CONFLUENCE, "identity:group", null),
    SPACE(Product.CONFLUENCE, "confluence:space", null),
    PAGE(Product.CONFLUENCE, "confluence:page", SPACE),
    BLOG_POST(Product.CONFLUENCE, "confluence:blogpost", SPACE),
    CONFLUENCE_ATTACHMENT(Product.CONFLUENCE, "confluence:attachment", null),
    CONFLUENCE_COMMENT(Product.CONFLUENCE, "confluence:comment", null);

    private final Product product;
    private final String namespace;
    private final EntityType parent;

    EntityType(Product product, String namespace, EntityType parent) {
        this.product = product;
        this.namespace = namespace;
        this.parent = parent;
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
