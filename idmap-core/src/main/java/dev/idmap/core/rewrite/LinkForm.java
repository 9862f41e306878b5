package dev.idmap.core.rewrite;

/**
 * What a product's recognisers make of a link on its source site: the Cloud link, or why it stays as it is.
 * {@code what} names the form and the entity types that made it provable.
 */
sealed interface LinkForm permits LinkForm.Translated, LinkForm.Refused {

    record Translated(String cloudPathAndQuery, String what) implements LinkForm {}

    record Refused(String reason) implements LinkForm {}
}
