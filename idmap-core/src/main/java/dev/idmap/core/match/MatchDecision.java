package dev.idmap.core.match;

import java.util.List;
import java.util.Objects;

/** What the matcher decided for one source entity. Precision first: only {@link Matched} carries a Cloud id. */
public sealed interface MatchDecision {

    /** Exactly one Cloud entity fits; {@code rule} names the rule that found it, e.g. {@code project-key}. */
    record Matched(String cloudId, String rule) implements MatchDecision {
        public Matched {
            Objects.requireNonNull(cloudId, "cloudId");
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** Several Cloud entities fit equally well, or one Cloud entity is claimed twice; never guessed. */
    record Ambiguous(List<String> candidates, String reason) implements MatchDecision {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /** Nothing fits; {@code reason} says why in words a migration admin understands. */
    record Unmatched(String reason) implements MatchDecision {
        public Unmatched {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default MatchStatus status() {
        return switch (this) {
            case Matched m -> MatchStatus.MATCHED;
            case Ambiguous a -> MatchStatus.AMBIGUOUS;
            case Unmatched u -> MatchStatus.UNMATCHED;
        };
    }
}
