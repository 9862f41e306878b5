package dev.idmap.connectors.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

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
