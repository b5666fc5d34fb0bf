package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsCsvTest {

    @Test
    void numbersAreTheShortestDecimalsThatReadBackAsTheSameDouble() {
        assertThat(MetricsCsv.number(1.0)).isEqualTo("1");
        assertThat(MetricsCsv.number(0.03)).isEqualTo("0.03");
        assertThat(MetricsCsv.number(1.6190524911507964e-4)).isEqualTo("1.6190524911507964e-4");
        assertThat(Double.parseDouble(MetricsCsv.number(0.1 + 0.2))).isEqualTo(0.1 + 0.2);
        assertThat(MetricsCsv.number(1234567.0)).isEqualTo("1234567");
        assertThat(MetricsCsv.number(1.0e7)).isEqualTo("1.0e7");
    }
}
