package dev.idmap.sim;

/**
 * One source entity and what became of it: {@code serverId} and {@code cloudId} in report form (numeric ids as strings,
 * custom fields as their number, users by DC user key and accountId, groups by name and Cloud groupId), {@code cloudId}
 * {@value #NOT_MIGRATED} when the entity was left behind, the special case that applies, and the expectation.
 */
public record GroundTruthRow(
        String entityType, String serverId, String cloudId, String matchCase, Expectation expectation) {

    public static final String NOT_MIGRATED = "NOT_MIGRATED";

    public static final String CSV_HEADER = "entityType,serverId,cloudId,case,expectation";

    public boolean migrated() {
        return !cloudId.equals(NOT_MIGRATED);
    }

    public String toCsvLine() {
        return csv(entityType) + "," + csv(serverId) + "," + csv(cloudId) + "," + csv(matchCase) + ","
                + expectation.name();
    }

    public static GroundTruthRow parseCsvLine(String line) {
        var fields = new java.util.ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        if (fields.size() != 5) {
            throw new IllegalArgumentException("not a ground-truth line: " + line);
        }
        return new GroundTruthRow(
                fields.get(0), fields.get(1), fields.get(2), fields.get(3), Expectation.valueOf(fields.get(4)));
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
