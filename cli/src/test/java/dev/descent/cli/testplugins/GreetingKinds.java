package dev.descent.cli.testplugins;

import dev.descent.api.ComponentKind;
import dev.descent.api.KindProvider;
import java.util.List;

/** Declares the kind {@code greeting}, chosen with {@code greeting = NAME}, default {@code hello}. */
public final class GreetingKinds implements KindProvider {

    public static final ComponentKind<Greeting> GREETING = ComponentKind.single("greeting", "greeting", "greetings",
            Greeting.class, "hello", "Test kind: what the run says");

    @Override
    public List<ComponentKind<?>> kinds() {
        return List.of(GREETING);
    }
}
