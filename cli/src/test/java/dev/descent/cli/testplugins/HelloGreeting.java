package dev.descent.cli.testplugins;

import dev.descent.api.Option;
import dev.descent.api.Plugin;

/** The one component of the test kind {@code greeting}. */
@Plugin(name = "hello", description = "Test greeting: hello, NAME")
public final class HelloGreeting implements Greeting {

    @Option(name = "name", description = "Whom to greet")
    private String name = "world";

    @Override
    public String greet() {
        return "hello, " + name;
    }
}
