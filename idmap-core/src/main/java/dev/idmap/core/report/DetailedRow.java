package dev.idmap.core.report;

/**
 * One row of the detailed report: one source entity and what became of it. Ids are in report form.
 *
 * @param entityType the namespace, e.g. {@code jira:issue}
 * @param status {@code MATCHED}, {@code AMBIGUOUS} or {@code UNMATCHED}
 * @param candidates for ambiguous rows, the Cloud ids that fit, separated by {@code ;}
 */
public record DetailedRow(
        String entityType,
        String serverId,
        String cloudId,
        String status,
        String rule,
        String serverKey,
        String cloudKey,
        String container,
        String candidates,
        String reason) {

    public static final String HEADER =
            "entityType,serverId,cloudId,status,rule,serverKey,cloudKey,container,candidates,reason";

    java.util.List<String> fields() {
        return java.util.Arrays.asList(
                entityType, serverId, cloudId, status, rule, serverKey, cloudKey, container, candidates, reason);
    }
}
