package dev.descent.cli.testplugins;

/** The interface of a kind a test plugin jar declares: proof that a kind needs no change to Descent. */
public interface Greeting {

    String greet();
}
