package org.fanzha.contact;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fanzha.platform.Signatures;

/**
 * A call-centre platform for tests: a real HTTP server on loopback that keeps every call order it
 * is posted (body, signature, call id header) and answers 202, or the statuses a test queues
 * (503 for a centre that is down, 400 for one that refuses).
 */
public final class TestCallCentre implements AutoCloseable {

    public static final String SECRET = "test-call-centre-secret-0123456789";

    /** An order as posted. */
    public record Order(String body, String signature, String callIdHeader) {

        public boolean signed() {
            return Signatures.verify(SECRET, body.getBytes(StandardCharsets.UTF_8), signature);
        }
    }

    private final HttpServer server;
    private final List<Order> orders = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    private TestCallCentre(HttpServer server) {
        this.server = server;
    }

    public static TestCallCentre start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestCallCentre centre = new TestCallCentre(server);
            server.createContext("/calls", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    int status = centre.nextAnswer();
                    if (status == 202) {
                        centre.orders.add(new Order(
                                body,
                                String.valueOf(exchange.getRequestHeaders().getFirst(Signatures.HEADER)),
                                String.valueOf(exchange.getRequestHeaders().getFirst("X-Fanzha-Call-Id"))));
                    }
                    exchange.sendResponseHeaders(status, -1);
                }
            });
            server.start();
            return centre;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next orders are answered with these statuses (then 202 again). */
    public synchronized void answerNext(int... statuses) {
        for (int s : statuses) {
            answers.add(s);
        }
    }

    public synchronized void answerNormally() {
        answers.clear();
    }

    private synchronized int nextAnswer() {
        Integer next = answers.poll();
        return next == null ? 202 : next;
    }

    /** The orders taken for this callee. */
    public List<Order> ordersTo(String callee) {
        return orders.stream()
                .filter(o -> o.body().contains("\"callee\":\"" + callee + "\""))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
