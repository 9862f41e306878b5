package dev.idmap.core.match;

import dev.idmap.core.model.EntityType;

/**
 * Where migrated data tells apart the candidates of an ambiguous decision. A status named "To Do" on the server
 * fits both Cloud's own "To Do" and "To Do (migrated)"; the name alone cannot say which one the migration
 * created, but the migrated issues can: an issue matched by its key carries the status it had on the server on
 * one side and the status the migration gave it on the other. When every such observation that lands on a
 * candidate lands on the same one, that candidate is the counterpart; when observations split between
 * candidates, or there are none, the decision stays ambiguous.
 *
 * @param resolves the type whose ambiguous decisions this evidence may settle
 * @param carrier the type whose entities carry the observations
 * @param attribute the carrier's attribute that holds the id of a {@code resolves} entity (crawl contract name)
 * @param kind how an observation is made
 */
public record Evidence(EntityType resolves, EntityType carrier, String attribute, Kind kind) {

    /** How an observation is made. */
    public enum Kind {
        /**
         * The carrier is matched by a rule of its own (issues by key, projects by key); its matched pair names one
         * {@code resolves} id on each side.
         */
        USED_BY_MATCHED,
        /**
         * As {@link #USED_BY_MATCHED}, with a comma-separated list of ids on each side (the roles that have actors in
         * a project): every source id of a matched carrier observes every Cloud id of its twin. The migration gives
         * the counterpart the same use, so it is always observed; another candidate only when Cloud uses it too.
         */
        USED_EACH_BY_MATCHED,
        /**
         * The carrier's own key includes a reference to {@code resolves} (an issue link's type): a candidate is
         * observed when a Cloud carrier has the source carrier's key with that candidate in place of the
         * reference, every other part mapped.
         */
        REFERENCED_IN_KEY,
        /**
         * The carrier lives inside {@code resolves} (a field's options): a candidate is observed when it holds a
         * Cloud carrier with the source carrier's key. {@code attribute} is unused.
         */
        CONTAINED_BY;

        /** Whether observations come from carriers' own decisions and staged usage columns. */
        public boolean readsMatchedCarriers() {
            return this == USED_BY_MATCHED || this == USED_EACH_BY_MATCHED;
        }
    }

    /** Observations from matched carriers that name the entity in {@code attribute}, e.g. an issue's status. */
    public static Evidence usedBy(EntityType resolves, EntityType carrier, String attribute) {
        return new Evidence(resolves, carrier, attribute, Kind.USED_BY_MATCHED);
    }

    /** Observations from matched carriers that list the entity in {@code attribute}, e.g. a project's roles. */
    public static Evidence usedEachBy(EntityType resolves, EntityType carrier, String attribute) {
        return new Evidence(resolves, carrier, attribute, Kind.USED_EACH_BY_MATCHED);
    }

    /** Observations from the entity's contents, e.g. a custom field's options. */
    public static Evidence contents(EntityType resolves, EntityType carrier) {
        return new Evidence(resolves, carrier, null, Kind.CONTAINED_BY);
    }

    /** Observations from carriers whose key references the entity in {@code attribute}, e.g. a link's type. */
    public static Evidence referencedBy(EntityType resolves, EntityType carrier, String attribute) {
        return new Evidence(resolves, carrier, attribute, Kind.REFERENCED_IN_KEY);
    }
}
