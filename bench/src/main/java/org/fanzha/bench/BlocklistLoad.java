package org.fanzha.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Load driver for blocking against a running Fanzha on PostgreSQL (see bench/blocklist-load):
 * import of a plain list of N lines; the RPZ, hosts and AdBlock exports; a full zone transfer
 * (AXFR) from the DNS primary; checks one at a time and in batches of 10,000.
 *
 * <p>Arguments: baseUrl bearerToken dnsPort lines
 */
public final class BlocklistLoad {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static final String[] WORDS = {"loan", "fast", "cash", "pay", "vip", "bet", "app", "shop", "kefu", "gold", "zhuan", "dai", "coin", "usdt"};
    static final String[] TLDS = {"com", "top", "xyz", "cc", "vip", "net", "cn", "shop", "club", "site", "icu"};

    static String name(long i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        return WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "-" : "") + WORDS[r.nextInt(WORDS.length)]
                + Long.toString(i, 36) + "." + TLDS[r.nextInt(TLDS.length)];
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = "Bearer " + args[1];
        int dnsPort = Integer.parseInt(args[2]);
        int lines = Integer.parseInt(args[3]);

        Path list = Files.createTempFile("blocklist", ".txt");
        try (var w = Files.newBufferedWriter(list)) {
            w.write("# bench list\n");
            for (int i = 0; i < lines; i++) {
                w.write(i % 10 == 0 ? "http://" + name(i) + "/pay/" + i + "\n" : name(i) + "\n");
            }
        }
        long t0 = System.nanoTime();
        var imported = HTTP.send(HttpRequest.newBuilder(URI.create(base
                                + "/api/v1/blocklist/imports?format=plain&category=LOAN&source=NATIONAL_CENTRE&scope=DOMAIN_AND_SUBDOMAINS"))
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", token)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofFile(list))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double importSecs = (System.nanoTime() - t0) / 1e9;
        String report = imported.body().length() > 200 ? imported.body().substring(0, 200) : imported.body();
        System.out.printf(Locale.ROOT, "import    %,d lines (%,d bytes) as one plain list: %.1f s (%,.0f lines/s), answer %d %s%n",
                lines, Files.size(list), importSecs, lines / importSecs, imported.statusCode(), report);

        for (String format : new String[] {"rpz", "hosts", "adblock"}) {
            long e0 = System.nanoTime();
            var export = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blocklist/export/" + format))
                            .timeout(Duration.ofMinutes(10))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lineCount = 0;
            try (var in = export.body()) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    bytes += n;
                    for (int k = 0; k < n; k++) {
                        if (buf[k] == '\n') {
                            lineCount++;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "export    %s: %,d lines, %,d bytes in %.2f s%n", format, lineCount, bytes, (System.nanoTime() - e0) / 1e9);
        }

        long x0 = System.nanoTime();
        ZoneTransferIn axfr = ZoneTransferIn.newAXFR(Name.fromString("rpz.fanzha."), "127.0.0.1", dnsPort, null);
        axfr.setTimeout(Duration.ofMinutes(10));
        axfr.run();
        System.out.printf(Locale.ROOT, "axfr      %,d records in %.2f s (dnsjava ZoneTransferIn over TCP)%n",
                axfr.getAXFR().size(), (System.nanoTime() - x0) / 1e9);

        // single checks, one client, for 10 s
        SplittableRandom r = new SplittableRandom(7);
        long c0 = System.nanoTime();
        int checks = 0;
        while (System.nanoTime() - c0 < 10_000_000_000L) {
            String target = (r.nextBoolean() ? "m." + name(r.nextInt(lines)) : name(lines + r.nextInt(1_000_000)));
            var check = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blocklist/check?target=" + target))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (check.statusCode() != 200) {
                throw new IllegalStateException(check.body());
            }
            checks++;
        }
        System.out.printf(Locale.ROOT, "check     GET one at a time, one client: %,.0f checks/s%n", checks / ((System.nanoTime() - c0) / 1e9));

        StringBuilder body = new StringBuilder("{\"targets\":[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(i % 2 == 0 ? "http://a." + name(r.nextInt(lines)) + "/x" : name(lines + i)).append('"');
        }
        body.append("]}");
        long b0 = System.nanoTime();
        int batches = 0;
        while (System.nanoTime() - b0 < 10_000_000_000L) {
            var batch = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/blocklist/check"))
                            .header("Authorization", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (batch.statusCode() != 200) {
                throw new IllegalStateException(batch.body().substring(0, Math.min(300, batch.body().length())));
            }
            batches++;
        }
        System.out.printf(Locale.ROOT, "check     POST batches of 10,000, one client: %,.0f checks/s%n",
                batches * 10_000 / ((System.nanoTime() - b0) / 1e9));
        Files.delete(list);
    }
}
