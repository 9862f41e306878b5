package dev.idmap.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What both products' accuracy tests require of the compatible report, given the detailed report's rows. */
public final class CompatibleReportCheck {

    /** One detailed-report row, reduced to what the compatible report repeats. */
    public record Decision(String entityType, String serverId, String cloudId, String status) {}

    private CompatibleReportCheck() {}

    /**
     * The compatible report has the exact header and holds exactly the MATCHED rows whose two ids are numbers
     * (its loaders parse ids as {@code Long}); user and group rows are in the detailed report only.
     */
    public static void holdsExactlyTheNumericMatches(Path compatibleReport, List<Decision> detailed)
            throws IOException {
        var lines = Files.readAllLines(compatibleReport, StandardCharsets.UTF_8);
        assertThat(lines.getFirst()).isEqualTo("entityType,serverId,cloudId");
        var numericMatches = detailed.stream()
                .filter(d -> d.status().equals("MATCHED")
                        && d.serverId().matches("[0-9]+")
                        && d.cloudId().matches("[0-9]+"))
                .map(d -> d.entityType() + "," + d.serverId() + "," + d.cloudId())
                .toList();
        assertThat(lines.subList(1, lines.size()))
                .as("the compatible report holds exactly the matched rows with numeric ids")
                .containsExactlyInAnyOrderElementsOf(numericMatches);
    }
}
