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

    private static boolean isNumber(String name) {
        try {
            new BigDecimal(name);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
