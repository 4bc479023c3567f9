package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Ids must never change between versions: a re-delivery after an upgrade has to overwrite the
 * documents it made before, not add copies. These are the ids the first release gave.
 */
class RecordIdsTest {
    private static final Instant START = Instant.parse("2024-03-01T04:45:30Z");
    private static final Instant END = Instant.parse("2024-03-01T04:50:30.120Z");

    @Test
    void aSessionKeepsTheIdItWasFirstGiven() {
        assertThat(RecordIds.forSession(
                        "jio",
                        START,
                        END,
                        "919876543210",
                        null,
                        null,
                        null,
                        null,
                        "10.0.0.1",
                        40000,
                        "100.64.0.1",
                        2048,
                        "157.240.1.35",
                        443,
                        "tcp",
                        1200L,
                        56000L,
                        "C1",
                        null,
                        new SessionRecord.GeoPoint(19.07, 72.87),
                        "jionet",
                        "LTE"))
                .isEqualTo("9b9f6abf38de7684af0cd757cf906661");
    }

    @Test
    void aBindingKeepsTheIdItWasFirstGiven() {
        assertThat(RecordIds.forBinding(
                        "acme",
                        "translation",
                        "start",
                        START,
                        START,
                        null,
                        "10.20.1.15",
                        51234,
                        "203.0.113.10",
                        40123,
                        null,
                        null,
                        null,
                        null,
                        "tcp"))
                .isEqualTo("799215dd0d977af39c4522dc318333f5");
    }

    @Test
    void instantsAndPointsReadAsTheyAlwaysHave() {
        for (String t : new String[] {
            "2024-03-01T04:45:30Z", "2024-03-01T04:45:30.100Z", "2024-03-01T04:45:30.001Z", "1999-12-31T23:59:59.999Z"
        }) {
            assertThat(RecordIds.text(Instant.parse(t)))
                    .isEqualTo(Instant.parse(t).toString());
        }
        assertThat(new SessionRecord.GeoPoint(19.07, -72.5).toString()).isEqualTo("GeoPoint[lat=19.07, lon=-72.5]");
    }

    @Test
    void aSessionsIdIsTheDigestOfItsContentWrittenOutAlsoWithTextBeyondAsciiAndNegativeNumbers() {
        Instant early = Instant.parse("1969-12-31T23:59:59.500Z"); // before 1970: written the general way
        String text = "session\nएयरटेल" + "\u001f" + early + "\u001f" + "राम कुमार" + "\u001f" + "-5" + "\u001f"
                + Long.MIN_VALUE + "\u001f" + "\u001fGeoPoint[lat=-0.5, lon=1.0E-4]";
        assertThat(RecordIds.forSession(
                        "एयरटेल",
                        early,
                        "राम कुमार",
                        -5,
                        Long.MIN_VALUE,
                        null,
                        new SessionRecord.GeoPoint(-0.5, 0.0001)))
                .isEqualTo(RecordIds.sha256Hex(text).substring(0, 32));
    }

    @Test
    void numbersAndCoordinatesAreWrittenIntoTheIdAsJavaWritesThem() {
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < 2_000; k++) {
            long v =
                    switch (k % 4) {
                        case 0 -> random.nextLong();
                        case 1 -> random.nextInt(100_000) - 50_000;
                        case 2 -> (long) Math.pow(10, k % 19) - (k % 3);
                        default -> k % 8 == 3 ? Long.MAX_VALUE - k : Long.MIN_VALUE + k;
                    };
            double lat = random.nextInt(180_000_001) / 1e6 - 90;
            double lon = k % 5 == 0 ? random.nextDouble() * 1e-5 : random.nextInt(3_600_000) / 1e4 - 180;
            String text = "session\nisp\u001f" + v + "\u001fGeoPoint[lat=" + lat + ", lon=" + lon + "]";
            assertThat(RecordIds.forSession("isp", v, new SessionRecord.GeoPoint(lat, lon)))
                    .as("%d %s %s", v, lat, lon)
                    .isEqualTo(RecordIds.sha256Hex(text).substring(0, 32));
        }
    }
}
