package io.flowanalyzer.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldValuesTest {
    private static final FieldValues.Label LABEL = () -> "Bytes_Up";

    @Test
    void aCountIsWholeDecimalDigitsUpToEighteenAlsoWrittenWithATrailingPointZero() throws Exception {
        assertThat(FieldValues.count(LABEL, "0", "a count")).isZero();
        assertThat(FieldValues.count(LABEL, "1024.0", "a count")).isEqualTo(1024);
        assertThat(FieldValues.count(LABEL, "999999999999999999", "a count")).isEqualTo(999_999_999_999_999_999L);
        for (String bad :
                new String[] {"", ".0", "-5", "+5", "12a", "1e5", "1.5", "1 000", "١٢", "9999999999999999999"}) {
            assertThatThrownBy(() -> FieldValues.count(LABEL, bad, "a count"))
                    .as(bad)
                    .isInstanceOf(BadField.class)
                    .hasMessage("Bytes_Up '" + bad + "' is not a count");
        }
    }

    @Test
    void aPortIsACountUpTo65535() throws Exception {
        assertThat(FieldValues.port(LABEL, "65535")).isEqualTo(65535);
        assertThat(FieldValues.port(LABEL, null)).isNull();
        assertThatThrownBy(() -> FieldValues.port(LABEL, "65536"))
                .hasMessage("Bytes_Up '65536' is not a port number (0-65535)");
    }

    @Test
    void digitsAreKeptAsWrittenAndSpreadsheetNotationIsNamed() throws Exception {
        assertThat(FieldValues.digits(LABEL, "404450000000000")).isEqualTo("404450000000000");
        assertThat(FieldValues.digits(LABEL, "00123")).isEqualTo("00123");
        assertThatThrownBy(() -> FieldValues.digits(LABEL, "4.0445E+14"))
                .hasMessage("Bytes_Up '4.0445E+14' is in spreadsheet scientific notation, so its last digits are lost");
        assertThatThrownBy(() -> FieldValues.digits(LABEL, "1".repeat(21)))
                .hasMessage("Bytes_Up '" + "1".repeat(21) + "' is not a number made of digits");
        assertThatThrownBy(() -> FieldValues.digits(LABEL, "40445x"))
                .hasMessage("Bytes_Up '40445x' is not a number made of digits");
    }
}
