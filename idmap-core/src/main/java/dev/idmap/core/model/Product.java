package dev.idmap.core.model;

/** The Atlassian products idmap maps; spelled as the Id Mapping API spells them. */
public enum Product {
    JIRA,
    CONFLUENCE
}
