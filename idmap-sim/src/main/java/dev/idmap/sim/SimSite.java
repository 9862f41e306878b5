package dev.idmap.sim;

/** The two sites of a simulated migration: the Data Center source and the Cloud destination. */
public enum SimSite {
    SOURCE,
    DESTINATION
}
