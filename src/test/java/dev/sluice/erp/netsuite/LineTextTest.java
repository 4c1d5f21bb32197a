package dev.sluice.erp.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTextTest {

    @Test
    void anyValueReadsBackAsWritten() {
        List<LineText.Field> fields = List.of(
                LineText.Field.of("line", "1", "TIME_AND_MATERIALS"),
                LineText.Field.of("rate", "SENIOR ARCHITECT", "210.50/h"),
                LineText.Field.of("rate", "|", "1/h"),
                LineText.Field.of("description", "a | b \"quoted\" \\ back\nnew line — café"),
                LineText.Field.of("description", ""),
                LineText.Field.of("flag"));

        String text = LineText.format(fields);

        assertThat(text).startsWith("line 1 TIME_AND_MATERIALS | rate \"SENIOR ARCHITECT\" 210.50/h | rate \"|\" 1/h");
        assertThat(LineText.parse(text)).hasValueSatisfying(parsed -> assertThat(parsed.all()).isEqualTo(fields));
    }

    @Test
    void textNotInTheFormIsNotRead() {
        assertThat(LineText.parse("line 1 TIME_AND_MATERIALS: Build (rates: CONSULTANT 150.00/h)")).isEmpty();
        assertThat(LineText.parse("description \"unterminated")).isEmpty();
        assertThat(LineText.parse("a | | b")).isEmpty();
        assertThat(LineText.parse("")).isEmpty();
        assertThat(LineText.parse(null)).isEmpty();
    }

    @Test
    void externalIdsDecodeToTheKeysTheyEncode() {
        for (String key : List.of("T1", "CO_1 (a)", "ä/ö", "x__y", "-")) {
            assertThat(ExternalIds.childOf("C-1001", ExternalIds.of("C-1001", key))).hasValue(key);
        }
        assertThat(ExternalIds.childOf("C-1001", "C-1001")).isEmpty();
        assertThat(ExternalIds.childOf("C-1001", "C-1001__T_5")).isEmpty();
        assertThat(ExternalIds.childOf("C", "C_5F__X")).isEmpty();
    }
}
