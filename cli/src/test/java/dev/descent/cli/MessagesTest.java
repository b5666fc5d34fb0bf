package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void invisibleAndLineBreakingCharactersAreEscaped() {
        assertThat(Messages.shown("unknown key optim\u200Bizer.lr")).isEqualTo("unknown key optim\\u200Bizer.lr");
        assertThat(Messages.shown("\uFEFFage")).isEqualTo("\\uFEFFage");
        assertThat(Messages.shown("a\0b\nc\td\u001B[31m")).isEqualTo("a\\0b\\nc\\td\\u001B[31m");
        assertThat(Messages.shown("plain: café, 日本, ±3.4e38")).isEqualTo("plain: café, 日本, ±3.4e38");
    }

    @Test
    void aLongMessageKeepsItsBeginningAndItsAdvice() {
        String message = "data.csv:2:1: column 'x' holds '" + "9".repeat(300_000) + "', which is not a number; fix it";
        String shown = Messages.shown(message);
        assertThat(shown.length()).isLessThan(Messages.LIMIT + 60);
        assertThat(shown).startsWith("data.csv:2:1: column 'x' holds '999").endsWith("which is not a number; fix it")
                .contains("characters left out");
    }
}
