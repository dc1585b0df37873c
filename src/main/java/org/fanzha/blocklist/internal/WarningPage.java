package org.fanzha.blocklist.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.fanzha.blocklist.Names;
import org.fanzha.blocklist.Verdict;
import org.fanzha.platform.FraudType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Where resolvers send the visitors of blocked sites. A plain HTTP listener answers any host name
 * with the warning page (the site is suspected of fraud, its category, what to do, 96110) and
 * records the hit. An HTTPS visit cannot be answered without a certificate for the name: the TLS
 * listener reads the name from the ClientHello (SNI) with the JDK's own TLS engine, records the
 * hit and closes.
 */
@Component
class WarningPage implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WarningPage.class);

    private final Matcher matcher;
    private final BlockStore store;
    private final Hits hits;
    private final TemplateEngine templates;
    private final Clock clock;
    private final boolean enabled;
    private final String address;
    private final int httpPort;
    private final int tlsPort;
    private @Nullable HttpServer http;
    private @Nullable ServerSocket tls;
    private @Nullable ExecutorService workers;
    private volatile boolean running;

    WarningPage(
            Matcher matcher,
            BlockStore store,
            Hits hits,
            TemplateEngine templates,
            Clock clock,
            @Value("${fanzha.blocklist.warning-page.enabled:true}") boolean enabled,
            @Value("${fanzha.blocklist.warning-page.address:127.0.0.1}") String address,
            @Value("${fanzha.blocklist.warning-page.http-port:8081}") int httpPort,
            @Value("${fanzha.blocklist.warning-page.tls-port:8444}") int tlsPort) {
        this.matcher = matcher;
        this.store = store;
        this.hits = hits;
        this.templates = templates;
        this.clock = clock;
        this.enabled = enabled;
        this.address = address;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
    }

    int httpPort() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    int tlsPort() {
        return tls == null ? -1 : tls.getLocalPort();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "warning-page");
            t.setDaemon(true);
            return t;
        });
        try {
            InetAddress bind = InetAddress.getByName(address);
            http = HttpServer.create(new InetSocketAddress(bind, httpPort), 100);
            http.createContext("/", this::page);
            http.setExecutor(workers);
            http.start();
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(bind, tlsPort), 100);
            tls = server;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The warning page cannot listen on " + address + " (" + e.getMessage()
                            + "); set fanzha.blocklist.warning-page.http-port / tls-port, or enabled=false",
                    e);
        }
        running = true;
        Thread t = new Thread(this::acceptTls, "warning-page-tls");
        t.setDaemon(true);
        t.start();
        log.info("Warning page on http://{}:{} and TLS (SNI) on {}:{}", address, httpPort(), address, tlsPort());
    }

    @Override
    public void stop() {
        running = false;
        if (http != null) {
            http.stop(0);
        }
        try {
            if (tls != null) {
                tls.close();
            }
        } catch (IOException e) {
            // closing
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Decided(@Nullable Long entryId, @Nullable FraudType category) {}

    private Decided decide(String host, @Nullable String path) {
        try {
            Matcher.Match m = path == null
                    ? matcher.checkHost(Names.host(host))
                    : matcher.checkUrl(Names.url("http://" + host + path));
            if (m.verdict() == Verdict.BLOCKED) {
                var entry = store.find(m.entryId());
                return new Decided(
                        (long) m.entryId(),
                        entry.map(BlockStore.Entry::category).orElse(null));
            }
        } catch (Names.InvalidName e) {
            // not a name we could have blocked: the hit is recorded without an entry
        }
        return new Decided(null, null);
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            String hostHeader = exchange.getRequestHeaders().getFirst("Host");
            String host = hostHeader == null ? "" : hostHeader.strip().toLowerCase(Locale.ROOT);
            if (host.startsWith("[")) {
                host = host.substring(1, Math.max(1, host.indexOf(']')));
            } else if (host.indexOf(':') >= 0) {
                host = host.substring(0, host.indexOf(':'));
            }
            if (host.length() > 253) {
                host = host.substring(0, 253);
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String full = (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
            Decided d = host.isEmpty() ? new Decided(null, null) : decide(host, full);
            InetSocketAddress client = exchange.getRemoteAddress();
            hits.record(new Hits.Hit(
                    d.entryId(),
                    d.category(),
                    host.isEmpty() ? "-" : host,
                    full,
                    "http",
                    client.getAddress().getHostAddress(),
                    client.getPort(),
                    clock.instant()));
            String language = exchange.getRequestHeaders().getFirst("Accept-Language");
            Locale locale =
                    language != null && language.toLowerCase(Locale.ROOT).startsWith("en")
                            ? Locale.ENGLISH
                            : Locale.SIMPLIFIED_CHINESE;
            Context context = new Context(locale);
            context.setVariable("host", host);
            context.setVariable("category", d.category());
            byte[] body = templates.process("blocklist/warning-page", context).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders()
                    .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            // 451: unavailable for legal reasons; browsers show the page all the same
            exchange.sendResponseHeaders(451, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            log.debug("warning page failed: {}", e.toString());
        }
    }

    private void acceptTls() {
        while (running && tls != null) {
            try {
                Socket socket = tls.accept();
                workers.execute(() -> sni(socket));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                log.debug("TLS accept failed: {}", e.toString());
            }
        }
    }

    /** Reads the ClientHello, takes the server name from it, records the hit, closes. */
    private void sni(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16_384 + 5];
            int read = 0;
            // a TLS record: type (1), version (2), length (2), then the handshake
            while (read < 5) {
                int n = in.read(buffer, read, buffer.length - read);
                if (n < 0) {
                    return;
                }
                read += n;
            }
            int length = ((buffer[3] & 0xff) << 8) | (buffer[4] & 0xff);
            if (buffer[0] != 22 || length > 16_384) {
                return;
            }
            while (read < 5 + length) {
                int n = in.read(buffer, read, 5 + length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String name = serverName(ByteBuffer.wrap(buffer, 0, read));
            InetSocketAddress client = (InetSocketAddress) socket.getRemoteSocketAddress();
            String host = name == null ? "-" : name.toLowerCase(Locale.ROOT);
            Decided d = name == null ? new Decided(null, null) : decide(host, null);
            hits.record(new Hits.Hit(
                    d.entryId(),
                    d.category(),
                    host,
                    null,
                    "https",
                    client.getAddress().getHostAddress(),
                    client.getPort(),
                    clock.instant()));
        } catch (IOException | RuntimeException e) {
            log.debug("TLS visit failed: {}", e.toString());
        }
    }

    /** The SNI host name of a ClientHello, read by the JDK's TLS engine (which then fails: no certificate). */
    static @Nullable String serverName(ByteBuffer clientHello) {
        AtomicReference<String> name = new AtomicReference<>();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                @Override
                public boolean matches(SNIServerName serverName) {
                    if (serverName instanceof SNIHostName host) {
                        name.set(host.getAsciiName());
                    }
                    return true;
                }
            }));
            engine.setSSLParameters(parameters);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            engine.unwrap(clientHello, out);
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
        } catch (SSLException | java.security.GeneralSecurityException | RuntimeException e) {
            // expected: without a certificate the handshake cannot go on; the name was read before
        }
        return name.get();
    }
}
