package org.fanzha.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What the public's files and follow-up links need wherever they are taken (appeals, reports): a
 * file's name without a path, hashes, a secret token shown once, and a file handed back to staff
 * as an attachment that is never rendered in place.
 */
public final class Uploads {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Uploads() {}

    /** The file's name as given, without a path or control characters ({@code evidence-N} when none). */
    public static String fileName(@Nullable String given, int index) {
        String n = given == null ? "" : given.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.isEmpty()) {
            n = "evidence-" + (index + 1);
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** 144 random bits, URL-safe: a token its holder is shown once and that is kept only as its hash. */
    public static String token() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a token matches the hash kept of it, in constant time. */
    public static boolean matches(@Nullable String token, @Nullable String hash) {
        return token != null
                && hash != null
                && token.length() <= 64
                && MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII), sha256(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** A file for staff: as an attachment of the type its bytes showed, not cached, never sniffed. */
    public static ResponseEntity<byte[]> attachment(String name, String contentType, byte[] bytes) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(contentType))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(bytes);
    }

    /** The files of a multipart request that were chosen: a file field a browser sent empty is left out. */
    public static java.util.List<org.springframework.web.multipart.MultipartFile> chosen(
            java.util.@Nullable List<org.springframework.web.multipart.MultipartFile> parts) {
        if (parts == null) {
            return java.util.List.of();
        }
        return parts.stream()
                .filter(p -> !p.isEmpty()
                        || (p.getOriginalFilename() != null
                                && !p.getOriginalFilename().isEmpty()))
                .toList();
    }
}
