package io.flowanalyzer.portal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCsvTest {

    @Test
    void aSessionIsOneRowWithItsProvenanceAndRawLineLast() {
        Map<String, Object> doc = Map.of(
                "event",
                        Map.of(
                                "id",
                                "s1",
                                "start",
                                "2024-03-01T00:00:00Z",
                                "duration",
                                53_000_000_000L,
                                "original",
                                "a,b,c"),
                "source", Map.of("ip", "10.0.0.1", "port", 1024, "bytes", 500),
                "destination", Map.of("ip", "157.240.1.35", "port", 443),
                "ipdr",
                        Map.of(
                                "a_party", Map.of("msisdn", "919820000106", "name", "=HYPERLINK(\"http://x\")"),
                                "flags",
                                        List.of(
                                                Map.of("name", "watch_list", "reason", "on list A"),
                                                Map.of("name", "fan_out", "reason", "61 B-parties")),
                                "attribution", Map.of("method", "nat", "evidence", List.of("n1", "n2")),
                                "delivery", Map.of("id", "d1", "line", 7)),
                "log", Map.of("file", Map.of("path", "outgoing/x.csv")));
        List<String> row = SessionCsv.row(doc);
        List<String> headers = SessionCsv.headers();
        assertThat(row).hasSameSizeAs(headers);
        assertThat(headers.get(0)).isEqualTo("session_id");
        assertThat(headers.get(headers.size() - 1)).isEqualTo("raw_line");
        assertThat(value(row, "session_id")).isEqualTo("s1");
        assertThat(value(row, "duration_s")).isEqualTo("53");
        assertThat(value(row, "private_port")).isEqualTo("1024");
        assertThat(value(row, "bytes_up")).isEqualTo("500");
        assertThat(value(row, "flags")).isEqualTo("watch_list: on list A | fan_out: 61 B-parties");
        assertThat(value(row, "attribution_evidence")).isEqualTo("n1 n2");
        assertThat(value(row, "line")).isEqualTo("7");
        assertThat(value(row, "file")).isEqualTo("outgoing/x.csv");
        assertThat(value(row, "raw_line")).isEqualTo("a,b,c");
        assertThat(value(row, "imsi")).isNull();
        // a formula in a name is not run by a spreadsheet
        assertThat(value(row, "subscriber_name")).isEqualTo("'=HYPERLINK(\"http://x\")");
    }

    @Test
    void onlyTextThatASpreadsheetWouldRunIsDefused() {
        assertThat(SessionCsv.defused("+1+1")).isEqualTo("'+1+1");
        assertThat(SessionCsv.defused("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SessionCsv.defused("-2+3")).isEqualTo("'-2+3");
        assertThat(SessionCsv.defused("919820000106")).isEqualTo("919820000106");
        assertThat(SessionCsv.defused("")).isEmpty();
        assertThat(SessionCsv.defused(null)).isNull();
    }

    private static String value(List<String> row, String header) {
        return row.get(SessionCsv.headers().indexOf(header));
    }
}
