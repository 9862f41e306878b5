package dev.idmap.sim;

/** The product a simulated migration is about. */
public enum SimProduct {
    JIRA,
    CONFLUENCE
}
