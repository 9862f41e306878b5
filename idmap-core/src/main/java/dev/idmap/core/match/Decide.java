package dev.idmap.core.match;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
     * @param tieReference what is known of the source's tie reference
     */
    public record KeyFacts(
            String name,
            String unmappedContainer,
            List<String> unmappedReferences,
            boolean nearMiss,
            TieReference tieReference) {
        public KeyFacts {
            unmappedReferences = List.copyOf(unmappedReferences);
        }

        public KeyFacts(String name, String unmappedContainer, List<String> unmappedReferences, boolean nearMiss) {
            this(name, unmappedContainer, unmappedReferences, nearMiss, TieReference.NOT_SHOWN);
        }
    }

    /** The state of a source entity's tie reference. */
    public enum TieReference {
        /** The source site shows no value (Data Center dashboards have no owner). */
        NOT_SHOWN,
        /** The value has no Cloud match (an author whose account could not be identified). */
        UNMAPPED,
        MAPPED
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
        var check = rule.tieReferenceCheck();
        if (check == KeyRule.ReferenceCheck.REQUIRED_WHEN_SHOWN && facts.tieReference() == TieReference.UNMAPPED) {
            return new MatchDecision.Unmatched(whyUnmatched(rule, facts));
        }
        var checked = check != KeyRule.ReferenceCheck.TIE_BREAK_ONLY && facts.tieReference() == TieReference.MAPPED;
        if (checked && !candidates.isEmpty() && candidates.stream().noneMatch(Candidate::agreesOnTieReference)) {
            var role = rule.tieReference().orElseThrow().role();
            return new MatchDecision.Unmatched("a Cloud " + Labels.of(rule.type()) + " "
                    + Labels.describe(rule, facts.name()) + " exists, but its " + role + " is not the mapped " + role);
        }
        if (checked) {
            candidates =
                    candidates.stream().filter(Candidate::agreesOnTieReference).toList();
        }
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
                top.size() + " Cloud " + Labels.plural(rule.type()) + " fit " + Labels.describe(rule, facts.name())
                        + " equally ("
                        + top.stream()
                                .map(c -> quoted(c.name()))
                                .distinct()
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("")
                        + "); not guessing");
    }

    /**
     * Settles an ambiguous decision by what migrated data shows ({@link Evidence}): matched when every observation
     * that lands on a candidate lands on the same one; otherwise still ambiguous, saying why.
     *
     * @param observations per candidate Cloud id, how many observations land on it (candidates with none absent)
     * @param carriers how the observations are named in a reason, e.g. {@code issues}
     */
    public static MatchDecision byEvidence(
            KeyRule rule, MatchDecision.Ambiguous ambiguous, Map<String, Long> observations, String carriers) {
        var landed = ambiguous.candidates().stream()
                .filter(c -> observations.getOrDefault(c, 0L) > 0)
                .toList();
        if (landed.size() == 1) {
            return new MatchDecision.Matched(landed.getFirst(), rule.rule() + "+usage-evidence");
        }
        var why = landed.isEmpty()
                ? "; no migrated " + carriers + " use any of them"
                : "; migrated " + carriers + " use several of them ("
                        + landed.stream()
                                .map(c -> c + ": " + observations.get(c))
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("")
                        + ")";
        return new MatchDecision.Ambiguous(ambiguous.candidates(), ambiguous.reason() + why);
    }

    private static MatchDecision matched(KeyRule rule, KeyFacts facts, Candidate candidate, String how) {
        var name = rule.rule() + how;
        if (rule.tieReferenceCheck() != KeyRule.ReferenceCheck.TIE_BREAK_ONLY) {
            var role = rule.tieReference().orElseThrow().role();
            name += switch (facts.tieReference()) {
                case MAPPED -> "+" + role;
                case UNMAPPED -> "+" + role + "-unmapped";
                case NOT_SHOWN -> "+" + role + "-not-shown";
            };
        }
        if (candidate.priority() > 0) {
            name += "+historical-key";
        } else if (rule.name() == KeyRule.NameKey.MIGRATED_SUFFIX && !Objects.equals(candidate.name(), facts.name())) {
            name += "+migrated-suffix";
        }
        return new MatchDecision.Matched(candidate.cloudId(), name);
    }

    private static String whyUnmatched(KeyRule rule, KeyFacts facts) {
        if (rule.unmatchedReason().isPresent()) {
            return rule.unmatchedReason().get().apply(facts);
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
