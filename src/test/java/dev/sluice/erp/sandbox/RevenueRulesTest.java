package dev.sluice.erp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.erp.sandbox.RevenueRules.Basis;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The arithmetic on its own, with the worked examples of docs/revenue.md. */
class RevenueRulesTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void percentCompleteKeepsTheRatioExactUntilTheAmountIsRounded() {
        BigDecimal earned = RevenueRules.percentComplete(d("1000.00"), d("240.00"), d("160.00"), Basis.ORIGIN);

        assertThat(earned.toPlainString()).startsWith("666.66666666666666666666666666666");
        assertThat(RevenueRules.round(earned, 2)).isEqualByComparingTo("666.67");
    }

    @Test
    void roundingIsHalfEvenToTheCurrencysMinorUnit() {
        assertThat(RevenueRules.round(d("0.125"), 2)).isEqualByComparingTo("0.12");
        assertThat(RevenueRules.round(d("0.135"), 2)).isEqualByComparingTo("0.14");
        assertThat(RevenueRules.round(d("1234.5"), 0)).isEqualByComparingTo("1234");
    }

    @Test
    void percentCompleteIsAllOfTheAmountOnceCostReachesTheEstimate() {
        assertThat(RevenueRules.percentComplete(d("1000.00"), d("240.00"), d("240.00"), Basis.ORIGIN))
                .isEqualByComparingTo("1000.00");
        assertThat(RevenueRules.percentComplete(d("1000.00"), d("240.00"), d("400.00"), Basis.ORIGIN))
                .isEqualByComparingTo("1000.00");
    }

    @Test
    void prospectiveSpreadsTheRemainderOverTheRemainingCost() {
        Basis atChange = new Basis(d("6000.00"), d("4200.00"));

        assertThat(RevenueRules.percentComplete(d("11500.00"), d("8200.00"), d("4200.00"), atChange))
                .isEqualByComparingTo("6000.00");
        assertThat(RevenueRules.percentComplete(d("11500.00"), d("8200.00"), d("4800.00"), atChange))
                .isEqualByComparingTo("6825.00");
    }

    @Test
    void prospectiveWithNoCostLeftToIncurRecognizesTheRestAtOnce() {
        Basis atChange = new Basis(d("6000.00"), d("9000.00"));

        assertThat(RevenueRules.percentComplete(d("11500.00"), d("8200.00"), d("9000.00"), atChange))
                .isEqualByComparingTo("11500.00");
    }

    @Test
    void timeAndMaterialsIsCappedAtTheNotToExceedAmountAndNeverNegative() {
        assertThat(RevenueRules.timeAndMaterials(d("2400.0000"), d("2000.00"), Basis.ORIGIN))
                .isEqualByComparingTo("2000.00");
        assertThat(RevenueRules.capBinds(d("2400.0000"), d("2000.00"), Basis.ORIGIN)).isTrue();
        assertThat(RevenueRules.timeAndMaterials(d("1125.0000"), null, Basis.ORIGIN)).isEqualByComparingTo("1125");
        // after a prospective change fixed 2000.00 at a time value of 2400.00, a correction down to 300.00
        assertThat(RevenueRules.timeAndMaterials(d("300.00"), d("5000.00"), new Basis(d("2000.00"), d("2400.00"))))
                .isEqualByComparingTo("0");
    }

    @Test
    void percentForReadingHasTwoDecimalsAndStopsAtOneHundred() {
        assertThat(RevenueRules.percent(d("80.00"), d("240.00"))).isEqualByComparingTo("33.33");
        assertThat(RevenueRules.percent(d("320.00"), d("240.00"))).isEqualByComparingTo("100.00");
        assertThat(RevenueRules.percent(d("1.00"), BigDecimal.ZERO)).isNull();
    }
}
