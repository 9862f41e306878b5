package dev.idmap.core.match;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The decision rules, free of any database: given what the join found, what is the decision. */
public final class Decide {

    private Decide() {}

    /**
     * What is known about a source entity besides its candidates.
     *
     * @param unmappedContainer the container's key or id when the rule needs the container and it is not matched
     * @param unmappedReferences the roles and ids of references that are not matched (e.g. {@code owner JIRAUSER1})
     * @param nearMiss whether destination entities share the key but sit in another container or have other
     *     references
     */
    public record KeyFacts(String name, String unmappedContainer, List<String> unmappedReferences, boolean nearMiss) {
        public KeyFacts {
            unmappedReferences = List.copyOf(unmappedReferences);
        }
    }

    /**
     * A destination entity sharing the key.
     *
     * @param priority of the key that found it ({@code 0} primary, {@code 1} alias such as a historical key)
     * @param agreesOnTieAttributes whether the tie-break attributes are equal
     * @param agreesOnTieReference whether the tie-break reference maps onto it
     */
    public record Candidate(
            String cloudId, String name, int priority, boolean agreesOnTieAttributes, boolean agreesOnTieReference) {

        int tieScore() {
            return (agreesOnTieAttributes ? 1 : 0) + (agreesOnTieReference ? 1 : 0);
        }
    }

    public static MatchDecision byKey(KeyRule rule, KeyFacts facts, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return new MatchDecision.Unmatched(whyUnmatched(rule, facts));
        }
        var best = candidates.stream().mapToInt(Candidate::priority).min().orElseThrow();
        var top = candidates.stream()
                .filter(c -> c.priority() == best)
                .sorted(Comparator.comparing(Candidate::cloudId))
                .toList();
        if (top.size() == 1) {
            return matched(rule, facts, top.getFirst(), "");
        }
        var bestScore = top.stream().mapToInt(Candidate::tieScore).max().orElseThrow();
        var winners = top.stream().filter(c -> c.tieScore() == bestScore).toList();
        if (bestScore > 0 && winners.size() == 1 && top.stream().anyMatch(c -> c.tieScore() < bestScore)) {
            return matched(rule, facts, winners.getFirst(), "+tie-break");
        }
        return new MatchDecision.Ambiguous(
                top.stream().map(Candidate::cloudId).toList(),
                top.size() + " Cloud " + Labels.of(rule.type()) + "s fit " + Labels.describe(rule, facts.name())
                        + " equally ("
                        + top.stream()
                                .map(c -> quoted(c.name()))
                                .distinct()
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("")
                        + "); not guessing");
    }

    private static MatchDecision matched(KeyRule rule, KeyFacts facts, Candidate candidate, String how) {
        var name = rule.rule() + how;
        if (candidate.priority() > 0) {
            name += "+historical-key";
        } else if (rule.name() == KeyRule.NameKey.MIGRATED_SUFFIX && !Objects.equals(candidate.name(), facts.name())) {
            name += "+migrated-suffix";
        }
        return new MatchDecision.Matched(candidate.cloudId(), name);
    }

    private static String whyUnmatched(KeyRule rule, KeyFacts facts) {
        if (rule.rule().equals(SpaceRule.BY_OWNER)) {
            // a personal space has no key to be absent under: say what its owner's decision did
            return SpaceRule.whyUnmatched(facts);
        }
        var label = Labels.of(rule.type());
        if (facts.unmappedContainer() != null) {
            var parent = rule.type().parent().map(Labels::of).orElse("container");
            return "its " + parent + " " + facts.unmappedContainer() + " is not matched in Cloud, so the " + label
                    + " cannot be looked up in it";
        }
        if (!facts.unmappedReferences().isEmpty()) {
            return "its " + String.join(" and ", facts.unmappedReferences()) + " not matched in Cloud";
        }
        if (facts.nearMiss()) {
            return "a Cloud " + label + " " + Labels.describe(rule, facts.name())
                    + " exists, but not in the mapped container or not with the mapped references";
        }
        return "not found in Cloud: " + label + " " + Labels.describe(rule, facts.name()) + " absent"
                + Labels.absenceHint(rule.type());
    }

    private static String quoted(String name) {
        return name == null ? "unnamed" : "'" + name + "'";
    }

    /** What is known about a source user. */
    public record UserFacts(
            String id, String username, String migratedByKey, String migratedByUsername, String email) {}

    public static MatchDecision user(UserFacts facts, List<String> cloudUsersWithSameEmail) {
        if (facts.migratedByKey() != null) {
            return new MatchDecision.Matched(facts.migratedByKey(), UserRule.BY_KEY);
        }
        if (facts.migratedByUsername() != null) {
            return new MatchDecision.Matched(facts.migratedByUsername(), UserRule.BY_USERNAME);
        }
        if (facts.email() == null) {
            return new MatchDecision.Unmatched(
                    "no migration record for this user, and the server shows no email to look it up by");
        }
        return switch (cloudUsersWithSameEmail.size()) {
            case 0 ->
                new MatchDecision.Unmatched("no migration record, and no Cloud user shows the email " + facts.email()
                        + " (user not migrated, or the email is hidden in Cloud by profile visibility)");
            case 1 -> new MatchDecision.Matched(cloudUsersWithSameEmail.getFirst(), UserRule.BY_EMAIL);
            default ->
                new MatchDecision.Ambiguous(
                        cloudUsersWithSameEmail.stream().sorted().toList(),
                        "no migration record, and several Cloud accounts show the email " + facts.email());
        };
    }
}
