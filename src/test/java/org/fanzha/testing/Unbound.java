package org.fanzha.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Unbound as an RPZ secondary on loopback only, with the project's own configuration: no
 * recursion to the internet (the root is forwarded to an unused loopback port), local data for
 * the "legitimate" names, and the RPZ from our primary. Without Unbound the test is skipped,
 * unless CI=true, where that is a failure (.ci/run installs it).
 */
public final class Unbound implements AutoCloseable {

    static final String BINARY = System.getenv().getOrDefault("FANZHA_UNBOUND", "/usr/sbin/unbound");

    public final int port;
    private final Process process;
    private final Path dir;

    private Unbound(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    public static void assumeInstalled() {
        boolean present = new File(BINARY).canExecute();
        if (!present && TestDatabase.ci()) {
            throw new IllegalStateException("CI=true but Unbound is missing at " + BINARY);
        }
        Assumptions.assumeTrue(present, "Unbound is not installed (apt-get install unbound)");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts Unbound on the port, as a secondary of the RPZ zone served at primaryPort, with the local data lines given. */
    public static Unbound start(int port, String zone, int primaryPort, String... localData) throws Exception {
        Path dir = Files.createTempDirectory("unbound");
        int dead = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("server:\n")
                .append("  interface: 127.0.0.1\n")
                .append("  port: ")
                .append(port)
                .append('\n')
                .append("  do-ip6: no\n  do-daemonize: no\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n")
                .append("  chroot: \"\"\n  username: \"\"\n")
                .append("  directory: \"")
                .append(dir)
                .append("\"\n")
                .append("  pidfile: \"")
                .append(dir.resolve("unbound.pid"))
                .append("\"\n")
                .append("  module-config: \"respip iterator\"\n")
                .append("  do-not-query-localhost: no\n")
                .append("  access-control: 127.0.0.0/8 allow\n")
                .append("  qname-minimisation: no\n");
        for (String line : localData) {
            conf.append("  local-data: \"").append(line).append("\"\n");
        }
        conf.append("forward-zone:\n  name: \".\"\n  forward-addr: 127.0.0.1@")
                .append(dead)
                .append('\n');
        conf.append("rpz:\n  name: ")
                .append(zone)
                .append('\n')
                .append("  primary: 127.0.0.1@")
                .append(primaryPort)
                .append('\n')
                .append("  zonefile: \"")
                .append(dir.resolve("rpz.zone"))
                .append("\"\n")
                .append("  allow-notify: 127.0.0.1\n")
                .append("  rpz-log: yes\n");
        Path file = dir.resolve("unbound.conf");
        Files.writeString(file, conf);
        Process check = new ProcessBuilder("/usr/sbin/unbound-checkconf", file.toString())
                .redirectErrorStream(true)
                .start();
        String checked = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            throw new IllegalStateException("unbound-checkconf: " + checked + "\n" + conf);
        }
        Process process = new ProcessBuilder(BINARY, "-d", "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("unbound.log").toFile())
                .start();
        return new Unbound(port, process, dir);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("unbound.log"));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
