package org.fanzha.contact;

/**
 * The tests' SMSC and call centre, started once for the JVM; their ports go into system
 * properties that {@link GatewaysTest} reads. A test class touches {@link #SMSC} or {@link
 * #CALL_CENTRE} in a static field, so that both run before its application context starts.
 */
public final class Gateways {

    public static final TestSmsc SMSC = TestSmsc.start();
    public static final TestCallCentre CALL_CENTRE = TestCallCentre.start();

    static {
        System.setProperty("fanzha.test.smsc-port", Integer.toString(SMSC.port()));
        System.setProperty("fanzha.test.voice-port", Integer.toString(CALL_CENTRE.port()));
    }

    private Gateways() {}
}
