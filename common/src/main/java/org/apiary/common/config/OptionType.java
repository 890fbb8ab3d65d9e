package org.apiary.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** How an option's text is turned into a value; the name appears in the sample file. */
public record OptionType<T>(String name, Function<String, T> parser) {

    public static final OptionType<String> STRING = new OptionType<>("string", s -> s);

    public static final OptionType<Integer> INTEGER = new OptionType<>("integer", Integer::parseInt);

    public static final OptionType<Integer> PORT = new OptionType<>("port number", s -> {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535");
        }
        return p;
    });

    public static final OptionType<Boolean> BOOLEAN = new OptionType<>("boolean", s -> switch (s.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1" -> true;
        case "false", "no", "off", "0" -> false;
        default -> throw new IllegalArgumentException("not a boolean");
    });

    public static final OptionType<List<String>> LIST = new OptionType<>("list", s -> s.isBlank()
            ? List.of()
            : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());

    public T parse(String text) {
        return parser.apply(text.trim());
    }
}
