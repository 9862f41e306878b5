package dev.idmap.core.report;

import dev.idmap.core.match.MatchStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One source entity and what became of it: a row of the detailed report, and what a run's decision stream
 * delivers. Ids are in report form.
 *
 * @param entityType the namespace, e.g. {@code jira:issue}
 * @param serverId the Data Center id (a user's key, a group's name)
 * @param cloudId the Cloud id, only when MATCHED
 * @param rule the rule that matched, only when MATCHED
 * @param serverKey the natural key on Data Center (a user's username, an issue's key, a group's name)
 * @param cloudKey the natural key of the matched Cloud entity
 * @param container the project or space key of project/space content
 * @param candidates for ambiguous rows, the Cloud ids that fit, separated by {@code ;}
 * @param reason why a row is not matched (or, in the report, why a match is left out of the compatible one)
 */
public record DetailedRow(
        String entityType,
        String serverId,
        String cloudId,
        MatchStatus status,
        String rule,
        String serverKey,
        String cloudKey,
        String container,
        String candidates,
        String reason) {

    public static final List<String> COLUMNS = List.of(
            "entityType",
            "serverId",
            "cloudId",
            "status",
            "rule",
            "serverKey",
            "cloudKey",
            "container",
            "candidates",
            "reason");
    public static final String HEADER = String.join(",", COLUMNS);

    public DetailedRow {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(status, "status");
    }

    /** The same row with another reason. */
    public DetailedRow withReason(String newReason) {
        return new DetailedRow(
                entityType, serverId, cloudId, status, rule, serverKey, cloudKey, container, candidates, newReason);
    }

    List<String> fields() {
        return Arrays.asList(
                entityType, serverId, cloudId, status.name(), rule, serverKey, cloudKey, container, candidates, reason);
    }
}
