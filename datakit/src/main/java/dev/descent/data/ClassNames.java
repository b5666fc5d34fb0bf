package dev.descent.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order classes are numbered in when the data does not say: sorted numerically when every
 * name is a number ({@code 2} before {@code 10}), else by Unicode code point ({@code Iris-setosa},
 * {@code Iris-versicolor}, {@code Iris-virginica}), as scikit-learn's {@code LabelEncoder} sorts.
 * A model keeps the list, so its class indices mean the same in {@code predict} and {@code evaluate}.
 */
public final class ClassNames {

    private ClassNames() {
    }

    /** {@code names} in the documented order. */
    public static List<String> sorted(Collection<String> names) {
        List<String> order = new ArrayList<>(names);
        boolean numeric = order.stream().allMatch(ClassNames::isNumber);
        order.sort(numeric ? Comparator.comparing((String n) -> new BigDecimal(n)).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder());
        return List.copyOf(order);
    }

    /**
     * The class a label stands for when the labels are numbers: {@code 1}, {@code 1.0} and {@code 1e0}
     * are one class, named by the plain number without trailing zeros ({@code 1}); other text is kept
     * as written.
     */
    public static String canonical(String label) {
        if (!isNumber(label)) {
            return label;
        }
        BigDecimal value = new BigDecimal(label);
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** Whether every name is a number, so that labels are compared as numbers. */
    public static boolean allNumbers(Collection<String> names) {
        return !names.isEmpty() && names.stream().allMatch(ClassNames::isNumber);
    }

    private static boolean isNumber(String name) {
        if (name.length() > 64) {
            return false;   // a class name, not a number to compare
        }
        try {
            new BigDecimal(name);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
