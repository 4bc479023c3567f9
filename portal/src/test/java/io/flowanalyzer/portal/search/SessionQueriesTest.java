package io.flowanalyzer.portal.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowanalyzer.portal.PortalProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Elasticsearch query each search becomes, exactly. */
class SessionQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SessionQueries queries = new SessionQueries(
            new PortalProperties("", Duration.ofSeconds(20), 50, 10_000, "91", 10, "banner"),
            new IdLists(null, null),
            null);

    private static SessionQuery query(String q, String from, String to, String... filters) {
        return new SessionParams(q, from, to, List.of(filters), null, null, null, null).query(50);
    }

    private static JsonNode json(Query query) throws Exception {
        return JSON.readTree(JsonpUtils.toJsonString(query, new JacksonJsonpMapper()));
    }

    @Test
    void textTimeAndChipsBecomeOneBoolQueryWithFiltersInFilterContext() throws Exception {
        Query built =
                queries.build(query("bytes_up>1000000", "now-7d", "now", "app:WhatsApp", "-isp:jio", "ip:10.0.0.0/8"));
        assertThat(json(built))
                .isEqualTo(
                        JSON.readTree(
                                """
                {"bool":{
                  "filter":[
                    {"range":{"@timestamp":{"gte":"now-7d","lte":"now"}}},
                    {"term":{"ipdr.b_party.app":{"value":"WhatsApp"}}},
                    {"bool":{"minimum_should_match":"1","should":[
                      {"term":{"source.ip":{"value":"10.0.0.0/8"}}},
                      {"term":{"source.nat.ip":{"value":"10.0.0.0/8"}}},
                      {"term":{"destination.ip":{"value":"10.0.0.0/8"}}}]}}],
                  "must":[{"query_string":{"allow_leading_wildcard":false,"analyze_wildcard":true,"default_operator":"and","lenient":true,"query":"bytes_up:>1000000"}}],
                  "must_not":[{"term":{"ipdr.isp":{"value":"jio"}}}]}}
                """));
    }

    @Test
    void aCaseFilesChipLooksTheFilesUpInTheCaseDocumentAsTheQueryRuns() throws Exception {
        assertThat(json(queries.clause(Filter.parse("tagged:CR-2026-114"))))
                .isEqualTo(
                        JSON.readTree(
                                """
                {"terms":{"file.hash.sha256":{"index":"ipdr-objects","id":"case:CR-2026-114","path":"files"}}}
                """));
    }

    @Test
    void anEmptySearchMatchesEverything() throws Exception {
        assertThat(json(queries.build(query(null, null, null)))).isEqualTo(JSON.readTree("{\"bool\":{}}"));
    }

    @Test
    void aNationalNumberChipFindsBothForms() throws Exception {
        assertThat(json(queries.clause(Filter.parse("msisdn:9820000106"))))
                .isEqualTo(JSON.readTree("{\"terms\":{\"ipdr.a_party.msisdn\":[\"9820000106\",\"919820000106\"]}}"));
        assertThat(json(queries.clause(Filter.parse("msisdn:919820000106"))))
                .isEqualTo(JSON.readTree("{\"term\":{\"ipdr.a_party.msisdn\":{\"value\":\"919820000106\"}}}"));
    }

    @Test
    void anAreaIsABoxOnWhereTheAPartyWas() throws Exception {
        assertThat(json(queries.clause(Filter.parse("geo:28.9,76.8,28.4,77.4"))))
                .isEqualTo(
                        JSON.readTree(
                                """
                {"geo_bounding_box":{"ipdr.cell.location":{"top_left":{"lat":28.9,"lon":76.8},"bottom_right":{"lat":28.4,"lon":77.4}}}}
                """));
    }

    @Test
    void aListMatchesEachIdentifierWhereverItCanStand() throws Exception {
        IdList list = IdList.parse("9820000106\n10.1.2.3\nSUB-1");
        assertThat(json(queries.list(list)))
                .isEqualTo(
                        JSON.readTree(
                                """
                {"bool":{"minimum_should_match":"1","should":[
                  {"bool":{"minimum_should_match":"1","should":[
                    {"term":{"source.ip":{"value":"10.1.2.3"}}},
                    {"term":{"source.nat.ip":{"value":"10.1.2.3"}}},
                    {"term":{"destination.ip":{"value":"10.1.2.3"}}}]}},
                  {"terms":{"ipdr.a_party.msisdn":["9820000106","919820000106"]}},
                  {"term":{"ipdr.a_party.imsi":{"value":"9820000106"}}},
                  {"term":{"ipdr.a_party.imei":{"value":"9820000106"}}},
                  {"term":{"ipdr.a_party.subscriber_id":{"value":"9820000106"}}},
                  {"term":{"ipdr.a_party.subscriber_id":{"value":"SUB-1"}}}]}}
                """));
    }

    @Test
    void aTimeItCannotReadIsASentence() {
        assertThatThrownBy(() -> queries.build(query(null, "yesterday", null)))
                .isInstanceOf(InvalidSearch.class)
                .hasMessageStartingWith("The 'from' time 'yesterday' is not understood.");
        assertThatThrownBy(() -> new SessionParams(null, null, null, null, "password", null, null, null).query(50))
                .hasMessage("Results cannot be sorted by 'password'.");
    }
}
