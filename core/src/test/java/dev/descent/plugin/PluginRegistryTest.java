package dev.descent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.api.ComponentKind;
import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.plugin.fixtures.EveryOptionTypeLoss;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginRegistryTest {

    private final PluginRegistry registry = PluginRegistry.discover(PluginRegistryTest.class.getClassLoader());

    private static ConfigValue set(String key, String value) {
        return new ConfigValue(key, value, "--set " + key + "=" + value);
    }

    private EveryOptionTypeLoss create(String option, String value) {
        PluginDescriptor d = registry.require(ComponentKind.LOSS, "every-option", null);
        return (EveryOptionTypeLoss) registry.create(d, Map.of(option, set("loss." + option, value)));
    }

    @Test
    void listsComponentsWithoutCreatingThem() {
        assertThat(registry.list(ComponentKind.LOSS)).extracting(PluginDescriptor::name)
                .contains("every-option", "exploding", "twin");
    }

    @Test
    void describesWhereAComponentCameFrom() {
        PluginDescriptor d = registry.require(ComponentKind.LOSS, "every-option", null);
        assertThat(d.type()).isEqualTo(EveryOptionTypeLoss.class);
        assertThat(d.source()).endsWith("test-classes");
        assertThat(d.options()).containsOnlyKeys("count", "big", "scale", "rate", "enabled", "label", "reduction",
                "weights", "doubles", "path");
    }

    @Test
    void brokenServiceEntriesBecomeWarningsNamingTheClassAndTheOthersStillLoad() {
        assertThat(registry.warnings()).anySatisfy(w -> assertThat(w).contains("UnannotatedLoss")
                .contains("test-classes").contains("@Plugin"));
        assertThat(registry.warnings()).anySatisfy(w -> assertThat(w).contains("DoesNotExist"));
        assertThat(registry.warnings()).anySatisfy(w -> assertThat(w).contains("NotALoss"));
        assertThat(registry.require(ComponentKind.LOSS, "every-option", null)).isNotNull();
    }

    @Test
    void unknownLossNameSuggestsTheNearestAndListsAvailableLosses() {
        assertThatThrownBy(() -> registry.require(ComponentKind.LOSS, "every-opton", set("loss", "every-opton")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("unknown loss 'every-opton'")
                .hasMessageContaining("--set loss=every-opton")
                .hasMessageContaining("did you mean 'every-option'?")
                .hasMessageContaining("every-option, exploding, twin");
    }

    @Test
    void aNameOfferedTwiceIsAnErrorNamingBothClasses() {
        assertThat(registry.conflicts()).hasSize(1);
        assertThatThrownBy(() -> registry.require(ComponentKind.LOSS, "twin", null))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("TwinLossA in ").hasMessageContaining("TwinLossB in ")
                .hasMessageContaining("offered 2 times");
    }

    @Test
    void aConstructorThatThrowsIsReportedWithTheComponentAndCause() {
        PluginDescriptor d = registry.require(ComponentKind.LOSS, "exploding", null);
        assertThatThrownBy(() -> registry.create(d, Map.of()))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("loss 'exploding'").hasMessageContaining("boom");
    }

    @Test
    void aComponentWithoutANoArgumentConstructorIsAWarningAndSelectingItGivesTheReason() {
        assertThat(registry.list(ComponentKind.LOSS)).noneMatch(d -> d.name().equals("needs-arguments"));
        assertThat(registry.warnings()).anySatisfy(w -> assertThat(w).contains("NeedsArgumentsLoss")
                .contains("no-arg constructor"));
        assertThatThrownBy(() -> registry.require(ComponentKind.LOSS, "needs-arguments", set("loss", "needs-arguments")))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("unknown loss 'needs-arguments'")
                .hasMessageContaining("NeedsArgumentsLoss").hasMessageContaining("no-arg constructor");
    }

    @Test
    void anUnknownNameMentionsProvidersThatFailedToLoad() {
        assertThatThrownBy(() -> registry.require(ComponentKind.LOSS, "zzz-unrelated", null))
                .hasMessageContaining("It may be one that failed to load").hasMessageContaining("DoesNotExist");
    }

    @Test
    void aPluginFolderThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> PluginRegistry.discover(getClass().getClassLoader(), List.of(Path.of("no-such-dir"))))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("plugin folder no-such-dir (relative to").hasMessageContaining("does not exist");
    }

    @Test
    void defaultsAreTheFieldInitialValues() {
        PluginDescriptor d = registry.require(ComponentKind.LOSS, "every-option", null);
        Object instance = registry.create(d, Map.of());
        assertThat(d.options().get("weights").valueText(instance)).isEqualTo("2.0, -3.4");
        assertThat(d.options().get("reduction").valueText(instance)).isEqualTo("per-example");
        assertThat(d.options().get("rate").rangeText()).isEqualTo("> 0");
        assertThat(d.options().get("count").rangeText()).isEqualTo(">= 1, <= 100");
    }

    @Test
    void convertsEverySupportedType() {
        assertThat(create("count", "1_0").count).isEqualTo(10);
        assertThat(create("big", "12345678901").big).isEqualTo(12345678901L);
        assertThat(create("scale", "-2.5").scale).isEqualTo(-2.5f);
        assertThat(create("rate", "1e-3").rate).isEqualTo(1e-3);
        assertThat(create("enabled", "TRUE").enabled).isTrue();
        assertThat(create("label", "hello world").label).isEqualTo("hello world");
        assertThat(create("reduction", "sum").reduction).isEqualTo(EveryOptionTypeLoss.Reduction.SUM);
        assertThat(create("reduction", "per-example").reduction).isEqualTo(EveryOptionTypeLoss.Reduction.PER_EXAMPLE);
        assertThat(create("weights", "2, -3.4, 5").weights).containsExactly(2f, -3.4f, 5f);
        assertThat(create("weights", "[1,2]").weights).containsExactly(1f, 2f);
        assertThat(create("doubles", "0.5,0.25").doubles).containsExactly(0.5, 0.25);
        assertThat(create("path", "in/x.csv").path).isEqualTo(Path.of("in/x.csv"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "count   | abc   | expected a whole number >= 1, <= 100",
            "count   | 0     | it must be >= 1, <= 100",
            "count   | 101   | it must be >= 1, <= 100",
            "count   | 1.5   | expected a whole number",
            "count   | 99999999999 | too large",
            "rate    | 0     | it must be > 0",
            "rate    | NaN   | not a finite number",
            "rate    | nan   | 'nan' is not a number",
            "rate    | 1/2   | '1/2' is not a number",
            "enabled | yes   | expected true or false",
            "reduction | mean | expected one of per-example, sum",
            "weights | 1,,2  | element 2 '' is not a number",
            "doubles | 1, -1 | it must be >= 0",
    })
    void badValuesNameTheKeyTheValueAndWhatIsExpected(String option, String value, String expected) {
        assertThatThrownBy(() -> create(option, value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value '" + value + "' for loss." + option)
                .hasMessageContaining("(--set loss." + option + "=" + value + ")")
                .hasMessageContaining(expected);
    }

    @Test
    void anEmptyValueIsRejectedForNonStringOptionsSayingWhatTheOptionTakes() {
        assertThatThrownBy(() -> create("rate", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("it is empty; expected a number > 0");
        assertThatThrownBy(() -> create("path", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("it is empty; expected a path to a file or folder");
        assertThatThrownBy(() -> create("enabled", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("it is empty; expected true or false");
        assertThatThrownBy(() -> create("reduction", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("it is empty; expected one of per-example, sum");
    }

    @Test
    void unknownOptionListsTheValidKeysAndTheNearest() {
        PluginDescriptor d = registry.require(ComponentKind.LOSS, "every-option", null);
        assertThatThrownBy(() -> registry.create(d, Map.of("rat", set("loss.rat", "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key loss.rat (--set loss.rat=1)")
                .hasMessageContaining("did you mean loss.rate?")
                .hasMessageContaining("loss.count, loss.big");
    }

    @Test
    void aNumberOutsideTheRangeOfAFloatIsRefusedForFloatOptions() {
        assertThatThrownBy(() -> create("scale", "1e39")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss.scale").hasMessageContaining("outside the range of a float");
        assertThatThrownBy(() -> create("weights", "2, -1e39")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("element 2 '-1e39' is outside the range of a float");
        assertThat(create("doubles", "1e39").doubles).containsExactly(1e39);
    }

    @Test
    void withNoPluginAtAllTheErrorNamesTheBundleAndNotTheCommandLine() {
        try (PluginRegistry empty = PluginRegistry.discover(new java.net.URLClassLoader(new java.net.URL[0], null))) {
            assertThatThrownBy(() -> empty.require(ComponentKind.LOSS, "squared", null))
                    .isInstanceOf(PluginException.class)
                    .hasMessageContaining("No plugin is available at all: put dev.descent:descent-bundle")
                    .hasMessageNotContaining("--plugins").hasMessageNotContaining("--set")
                    .matches(e -> ((PluginException) e).notFound());
        }
    }

    @Test
    void hexadecimalAndSuffixedNumbersAreRefusedAsNotDecimal() {
        assertThatThrownBy(() -> create("scale", "0x1p-3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss.scale").hasMessageContaining("a hexadecimal float")
                .hasMessageContaining("write it in decimal");
        assertThatThrownBy(() -> create("weights", "2, 3f")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("element 2 '3f' is a number written as only Java reads it (a type suffix)");
        assertThat(create("scale", "-1.5e-3").scale).isEqualTo(-1.5e-3f);
    }
}
