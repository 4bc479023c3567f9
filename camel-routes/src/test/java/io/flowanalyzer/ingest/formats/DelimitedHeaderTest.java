package io.flowanalyzer.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

/** A line without quotes is split by hand; commons-csv, which splits every other line, is the reference. */
class DelimitedHeaderTest {
    @Test
    void splitsAPlainLineAsCommonsCsvDoesWithEveryDelimiterAndAnyNumberOfCells() throws Exception {
        Random random = new Random(5);
        String alphabet = "ab9 \t,;|-:.é\u00a0";
        for (char delimiter : new char[] {',', ';', '|', '\t'}) {
            DelimitedHeader header = DelimitedHeader.read("a" + delimiter + "b");
            for (int k = 0; k < 3_000; k++) {
                StringBuilder line = new StringBuilder();
                int length = random.nextInt(k % 10 == 0 ? 400 : 40); // some with more than 16 delimiters
                for (int i = 0; i < length; i++) {
                    line.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = line.toString();
                assertThat(header.cells(text))
                        .as("[%s] by '%s'", text, delimiter)
                        .isEqualTo(commonsCsv(text, delimiter));
            }
        }
    }

    @Test
    void keepsEmptyCellsAtEitherEndAndDropsTheSpacesAroundEachCell() throws Exception {
        DelimitedHeader header = DelimitedHeader.read("a,b,c");
        assertThat(header.cells("")).containsExactly("");
        assertThat(header.cells(",")).containsExactly("", "");
        assertThat(header.cells(" x , y ,")).containsExactly("x", "y", "");
        assertThat(header.cells(",".repeat(40))).hasSize(41).containsOnly("");
    }

    private static List<String> commonsCsv(String line, char delimiter) throws Exception {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(line, format)) {
            var records = parser.getRecords();
            return records.isEmpty() ? List.of("") : records.get(0).toList();
        }
    }
}
