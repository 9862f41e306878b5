package dev.idmap.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.model.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecideTest {

    private final KeyRule sprints = (KeyRule) MatchRules.standard().ruleFor(EntityType.SPRINT);
    private final Decide.KeyFacts facts = new Decide.KeyFacts("Sprint 1", null, List.of(), false);

    @Test
    void a_single_candidate_is_a_match() {
        var decision = Decide.byKey(sprints, facts, List.of(new Decide.Candidate("5", "Sprint 1", 0, false, false)));
        assertThat(decision).isEqualTo(new MatchDecision.Matched("5", "name-within-board"));
    }

    @Test
    void a_tie_is_broken_only_by_a_single_candidate_agreeing_on_the_tie_attributes() {
        var one = new Decide.Candidate("5", "Sprint 1", 0, true, false);
        var other = new Decide.Candidate("6", "Sprint 1", 0, false, false);
        assertThat(Decide.byKey(sprints, facts, List.of(one, other)))
                .isEqualTo(new MatchDecision.Matched("5", "name-within-board+tie-break"));
        var both = new Decide.Candidate("6", "Sprint 1", 0, true, false);
        assertThat(Decide.byKey(sprints, facts, List.of(one, both))).isInstanceOf(MatchDecision.Ambiguous.class);
    }

    @Test
    void no_candidate_is_unmatched_with_a_reason() {
        assertThat(Decide.byKey(sprints, facts, List.of()))
                .isEqualTo(new MatchDecision.Unmatched("not found in Cloud: sprint 'Sprint 1' absent"));
    }
}
