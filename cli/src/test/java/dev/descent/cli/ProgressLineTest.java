package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void aWideTerminalShowsEveryPartAndABarOfAtMostFortyColumns() {
        String line = ProgressLine.render(120, 2, 10, 84_000, 200_000, 1_234_567, 2.2, 0.001234, 0.03);
        assertThat(line).isEqualTo("epoch 2/10  42% [============>                ]  84.0k/200k ex   1.2M ex/s"
                + "  0:02<0:00  batch loss 0.001234  lr 0.0300");
        assertThat(line.length()).isLessThan(120);
    }

    @Test
    void theLineNeverReachesTheLastColumnAndDropsTheLeastNeededPartsFirst() {
        for (int width = 20; width <= 200; width++) {
            String line = ProgressLine.render(width, 12, 100, 1_500_000, 6_000_000, 987_654, 75, 123.456789, 0.001);
            assertThat(line.length()).as("at %d columns: %s", width, line).isLessThanOrEqualTo(width - 1);
            assertThat(line).startsWith("epoch 12/100  25%");
        }
        assertThat(ProgressLine.render(80, 12, 100, 1_500_000, 6_000_000, 987_654, 75, 123.456789, 0.001))
                .as("80 columns").contains("[").contains("1.5M/6.0M ex").contains(" 988k ex/s")
                .contains("batch loss 123.456789").doesNotContain("lr ");
        assertThat(ProgressLine.render(50, 12, 100, 1_500_000, 6_000_000, 987_654, 75, 123.456789, 0.001))
                .as("50 columns: the parts go before the bar's least width").isEqualTo("epoch 12/100  25% [======>                    ]");
    }

    @Test
    void countsHaveThreeSignificantDigitsAndAUnit() {
        assertThat(ProgressLine.count(950)).isEqualTo("950");
        assertThat(ProgressLine.count(1_000)).isEqualTo("1.0k");
        assertThat(ProgressLine.count(84_049)).isEqualTo("84.0k");
        assertThat(ProgressLine.count(200_000)).isEqualTo("200k");
        assertThat(ProgressLine.count(1_564_160)).isEqualTo("1.6M");
        assertThat(ProgressLine.count(999_600)).isEqualTo("1.0M");
        assertThat(ProgressLine.clock(7.4)).isEqualTo("0:07");
        assertThat(ProgressLine.clock(3723)).isEqualTo("1:02:03");
    }
}
