package dev.descent.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    private final List<String> losses = List.of("squared", "huber", "absolute");

    @Test
    void suggestsTheNameATypoWasMeantToBe() {
        assertThat(Names.nearest("sqaured", losses)).contains("squared");
        assertThat(Names.nearest("Huber", losses)).contains("huber");
        assertThat(Names.nearest("absolut", losses)).contains("absolute");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(Names.nearest("cross-entropy", losses)).isEmpty();
        assertThat(Names.nearest("x", List.of())).isEmpty();
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertThat(Names.editDistance("sqaured", "squared")).isEqualTo(1);
        assertThat(Names.editDistance("", "abc")).isEqualTo(3);
    }
}
