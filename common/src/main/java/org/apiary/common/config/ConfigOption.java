package org.apiary.common.config;

/**
 * One typed, documented option. Every option the code reads is declared once like this, so the
 * sample configuration and the reference in docs/ are generated from the same definitions.
 */
public record ConfigOption<T>(String section, String name, OptionType<T> type, T defaultValue, String help) {

    public static ConfigOption<String> string(String section, String name, String def, String help) {
        return new ConfigOption<>(section, name, OptionType.STRING, def, help);
    }

    public static ConfigOption<Integer> integer(String section, String name, Integer def, String help) {
        return new ConfigOption<>(section, name, OptionType.INTEGER, def, help);
    }

    public static ConfigOption<Integer> port(String section, String name, Integer def, String help) {
        return new ConfigOption<>(section, name, OptionType.PORT, def, help);
    }

    public static ConfigOption<Boolean> bool(String section, String name, Boolean def, String help) {
        return new ConfigOption<>(section, name, OptionType.BOOLEAN, def, help);
    }

    public static ConfigOption<java.util.List<String>> list(String section, String name, java.util.List<String> def, String help) {
        return new ConfigOption<>(section, name, OptionType.LIST, def, help);
    }

    public String key() {
        return "[" + section + "] " + name;
    }
}
