package io.github.gradientspring.client.model;

import java.util.function.Function;

/** Lenient lookup shared by the wire enums: the API keeps adding values, and a new one must not break a decode. */
final class WireEnums {

    private WireEnums() {
    }

    static <E extends Enum<E>> E lookup(E[] values, Function<E, String> wireValue, String value, E unknown) {
        if (value == null) {
            return unknown;
        }
        for (E candidate : values) {
            if (wireValue.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        return unknown;
    }

}
