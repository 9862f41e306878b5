package dev.idmap.connectors.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AtlassianJsonTest {

    @Test
    void data_center_and_cloud_timestamps_of_the_same_instant_read_the_same() {
        assertThat(AtlassianJson.instant("2024-03-01T10:15:30.000+0100")).isEqualTo("2024-03-01T09:15:30.000Z");
        assertThat(AtlassianJson.instant("2024-03-01T10:15:30.000+01:00")).isEqualTo("2024-03-01T09:15:30.000Z");
        assertThat(AtlassianJson.instant("2024-03-01T09:15:30.000Z")).isEqualTo("2024-03-01T09:15:30.000Z");
        assertThat(AtlassianJson.instant("2024-03-01T09:15:30Z")).isEqualTo("2024-03-01T09:15:30.000Z");
        assertThat(AtlassianJson.instant("2024-03-01T09:15:30.123456Z")).isEqualTo("2024-03-01T09:15:30.123Z");
    }

    @Test
    void timestamps_read_by_position_read_as_the_general_formatter_reads_them() {
        // given: the forms Jira and Confluence write, and near misses of them, at random
        var random = new Random(20261202);
        var readByPosition = 0;
        for (int i = 0; i < 200_000; i++) {
            var timestamp = timestamp(random);

            // then
            assertThat(AtlassianJson.instant(timestamp))
                    .as(timestamp)
                    .isEqualTo(AtlassianJson.instantByFormatter(timestamp));
            if (AtlassianJson.fixedPositionInstant(timestamp) != null) {
                readByPosition++;
            }
        }
        assertThat(readByPosition).as("the canonical forms take the fast path").isGreaterThan(100_000);
        for (var edge : List.of(
                "2024-02-29T23:59:59.999-0100",
                "2023-02-29T10:00:00.000Z",
                "2024-02-30T10:00:00Z",
                "2024-03-01T24:00:00.000Z",
                "2024-03-01T10:60:00Z",
                "2024-03-01T10:15:60Z",
                "0000-01-01T00:00:00Z",
                "0001-01-01T00:30:00.000+0100",
                "9999-12-31T23:30:00.000-0100",
                "2024-03-01T10:15:30.000-00:00",
                "2024-03-01T10:15:30.000-0000",
                "2024-03-01T10:15:30.+0100",
                "2024-03-01T10:15:30.1234567891Z",
                "2024-03-01T10:15:30.000+19:00",
                "2024-03-01T10:15:30.000+0160",
                "2024-03-01T10:15:30.000+01",
                "2024-03-01T10:15:30.000 +0100",
                " 2024-03-01T10:15:30.000+0100 ",
                "2024-03-01t10:15:30Z",
                "2024-03-01T10:15:30z",
                "2024-٣-01T10:15:30Z")) {
            assertThat(AtlassianJson.instant(edge)).as(edge).isEqualTo(AtlassianJson.instantByFormatter(edge));
        }
    }

    private static String timestamp(Random random) {
        var text = new StringBuilder();
        text.append(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                random.nextInt(10) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(50),
                random.nextInt(14),
                random.nextInt(33),
                random.nextInt(26),
                random.nextInt(62),
                random.nextInt(62)));
        switch (random.nextInt(4)) {
            case 0 -> {}
            case 1 -> text.append(".").append(String.format("%03d", random.nextInt(1000)));
            default -> {
                text.append('.');
                for (int d = random.nextInt(11); d > 0; d--) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        var sign = random.nextBoolean() ? '+' : '-';
        var hours = random.nextInt(5) == 0 ? random.nextInt(20) : random.nextInt(13);
        var minutes = random.nextInt(5) == 0 ? random.nextInt(61) : 15 * random.nextInt(4);
        switch (random.nextInt(5)) {
            case 0 -> {}
            case 1 -> text.append('Z');
            case 2 -> text.append(String.format("%c%02d:%02d", sign, hours, minutes));
            default -> text.append(String.format("%c%02d%02d", sign, hours, minutes));
        }
        if (random.nextInt(50) == 0) {
            text.setCharAt(random.nextInt(text.length()), "xT:-.+ 9".charAt(random.nextInt(8)));
        }
        return text.toString();
    }

    @Test
    void a_timestamp_in_no_known_form_is_kept_and_an_absent_one_stays_absent() {
        assertThat(AtlassianJson.instant("yesterday")).isEqualTo("yesterday");
        assertThat(AtlassianJson.instant(null)).isNull();
    }

    @Test
    void scalars_read_as_strings_and_absent_or_null_values_as_null() {
        // given
        var node = JsonMapper.builder().build().readTree("""
                {"id": 10042, "key": "ABC-1", "none": null, "obj": {}, "flag": true, "emailAddress": "Ann@Example.COM"}
                """);
        // then
        assertThat(AtlassianJson.text(node, "id")).isEqualTo("10042");
        assertThat(AtlassianJson.text(node, "key")).isEqualTo("ABC-1");
        assertThat(AtlassianJson.text(node, "none")).isNull();
        assertThat(AtlassianJson.text(node, "missing")).isNull();
        assertThat(AtlassianJson.text(node, "obj")).isNull();
        assertThat(AtlassianJson.bool(node, "flag")).isEqualTo("true");
        assertThat(AtlassianJson.email(node)).isEqualTo("ann@example.com");
    }
}
