package io.flowanalyzer.portal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.flowanalyzer.model.RecordJson;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchWordingTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "now",
                "now-7d",
                "now-1h/h",
                "now+1d-2h",
                "2024-03-01",
                "2024-03-01T10:00:00Z",
                "2024-03-01T10:00:00.123+05:30",
                "1709251200000"
            })
    void passesTheFormsInvestigatorsType(String bound) {
        assertThat(TimeBound.check("from", " " + bound + " ")).isEqualTo(bound);
    }

    @Test
    void explainsABoundItCannotRead() {
        assertThatThrownBy(() -> TimeBound.check("from", "yesterday"))
                .isInstanceOf(InvalidSearch.class)
                .hasMessage(
                        "The 'from' time 'yesterday' is not understood. Use a date (2024-03-01), a time with its offset "
                                + "(2024-03-01T10:00:00+05:30 or …Z), or now-7d.");
        assertThatThrownBy(() -> TimeBound.check("to", "2024-02-30")).isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> TimeBound.check("to", "now-7x")).isInstanceOf(InvalidSearch.class);
    }

    @Test
    void explainsEngineErrorsByTheirDeepestCauseWithoutTheParsersTokenList() {
        ErrorCause error = ErrorCause.of(
                e -> e.type("search_phase_execution_exception")
                        .reason("all shards failed")
                        .causedBy(
                                c -> c.type("query_shard_exception")
                                        .reason("Failed to parse query [foo AND (]")
                                        .causedBy(
                                                p -> p.type("parse_exception")
                                                        .reason(
                                                                "Cannot parse 'foo AND (': Encountered \"<EOF>\" at line 1, column 9.\nWas expecting one of:\n    <NOT> ..."))));
        assertThat(SearchFailures.explain(error))
                .isEqualTo(
                        "The query ends before it is complete (at character 9): close every bracket and quote, and give AND, OR and NOT something on both sides.");
        ErrorCause misplaced = ErrorCause.of(
                e -> e.type("query_shard_exception")
                        .reason("Failed to parse query [a:b) c]")
                        .causedBy(
                                p -> p.type("parse_exception")
                                        .reason(
                                                "Cannot parse 'a:b) c': Encountered \" \")\" \") \"\" at line 1, column 3.\nWas expecting one of: ...")));
        assertThat(SearchFailures.explain(misplaced))
                .isEqualTo(
                        "The query could not be understood at character 3: check the brackets, quotes and the words AND, OR and NOT around it.");
        ErrorCause other =
                ErrorCause.of(e -> e.type("illegal_argument_exception").reason("field [x] is not\n  searchable"));
        assertThat(SearchFailures.explain(other))
                .isEqualTo("The query could not be understood: field [x] is not searchable.");
    }

    @Test
    void findsTheParserMessageInTheFailedShardsOfARealEngineAnswer() throws Exception {
        // The answer Elasticsearch 8.19 gave to the query "a:(b AND" over the daily indices.
        JacksonJsonpMapper mapper = new JacksonJsonpMapper(RecordJson.mapper());
        try (InputStream in = getClass().getResourceAsStream("/query-parse-error.json")) {
            ErrorResponse response = ErrorResponse._DESERIALIZER.deserialize(
                    mapper.jsonProvider().createParser(in), mapper);
            assertThat(SearchFailures.explain(response.error()))
                    .isEqualTo(
                            "The query ends before it is complete (at character 8): close every bracket and quote, and give AND, OR and NOT something on both sides.");
        }
    }

    @Test
    void writesAddressesTheWayInvestigatorsReadThem() {
        assertThat(Column.address("10.0.0.1", "443")).isEqualTo("10.0.0.1:443");
        assertThat(Column.address("2409:4042::1", "443")).isEqualTo("[2409:4042::1]:443");
        assertThat(Column.address("2409:4042::1", null)).isEqualTo("2409:4042::1");
        assertThat(Column.address(null, null)).isNull();
        assertThat(SearchPageController.pages(10_001, 50)).isEqualTo(200);
        assertThat(SearchPageController.pages(51, 50)).isEqualTo(2);
        assertThat(SearchPageController.pages(0, 50)).isZero();
    }

    @Test
    void namesEachFlagOnceAndShowsWhatEnrichmentAdded() {
        java.util.Map<String, Object> doc = java.util.Map.of(
                "event", java.util.Map.of("id", "s1"),
                "destination",
                        java.util.Map.of("ip", "149.154.167.51", "geo", java.util.Map.of("country_iso_code", "GB")),
                "ipdr",
                        java.util.Map.of(
                                "a_party", java.util.Map.of("msisdn", "919811122233", "name", "Tanvi Desai"),
                                "b_party", java.util.Map.of("app", "Telegram"),
                                "risk_score", 0.91,
                                "flags",
                                        java.util.List.of(
                                                java.util.Map.of("name", "watch_list", "reason", "a"),
                                                java.util.Map.of("name", "watch_list", "reason", "b"),
                                                java.util.Map.of("name", "fan_out", "reason", "c"))));
        assertThat(Column.FLAGS.cell(doc)).isEqualTo(new Cell("watch list, fan out", null, "risk score 0.91", false));
        assertThat(Column.A_PARTY.cell(doc))
                .isEqualTo(new Cell("919811122233", "Tanvi Desai", "Name in the subscriber directory", false));
        assertThat(Column.APP.cell(doc).text()).isEqualTo("Telegram");
        assertThat(Column.DESTINATION.cell(doc).text()).isEqualTo("149.154.167.51");
        assertThat(Column.DESTINATION.cell(doc).sub()).isEqualTo("GB");
        assertThat(Column.RISK.cell(doc).text()).isEqualTo("0.91");
        assertThat(Column.flagNames(java.util.Map.of("ipdr", java.util.Map.of())))
                .isNull();
    }
}
