package dev.idmap.core.model;

/** Which site of a migration an entity was read from. */
public enum Side {
    /** The Server / Data Center site the data was migrated from. */
    SOURCE,
    /** The Cloud site the data was migrated to. */
    DESTINATION
}
