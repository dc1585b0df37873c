package org.fanzha.hotline.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.hotline.HotlineProperties;
import org.fanzha.platform.InvalidInput;
import org.fanzha.warning.ContactResult;
import org.fanzha.warning.Outcome;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/hotline")
class HotlineController {

    private final Workbench workbench;
    private final HotlineProperties properties;

    HotlineController(Workbench workbench, HotlineProperties properties) {
        this.workbench = workbench;
        this.properties = properties;
    }

    record AttemptRequest(
            @NotNull ContactResult result,
            @Nullable @Size(max = 1000) String note) {}

    record FinishRequest(
            @Nullable Outcome outcome,
            @Nullable @Size(max = 1000) String note) {}

    @GetMapping("/queue")
    Map<String, Object> queue() {
        return workbench.queue();
    }

    /** Takes the next task (or returns the one in hand); 204 when the queue is empty. */
    @PostMapping("/tasks/next")
    ResponseEntity<Workbench.TaskView> next(Locale locale) {
        return workbench
                .next(locale)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** A visit photo's image, for staff whose jurisdiction covers the task; audited. */
    @GetMapping("/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        return photoResponse(workbench.photo(id));
    }

    static ResponseEntity<byte[]> photoResponse(TaskStore.PhotoBytes photo) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(org.springframework.http.CacheControl.noStore().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"visit-photo-" + photo.id() + "\"")
                .body(photo.bytes());
    }

    @GetMapping("/tasks/{id}")
    Workbench.TaskView task(@PathVariable long id, Locale locale) {
        return workbench.get(id, locale);
    }

    @PostMapping("/tasks/{id}/attempts")
    Workbench.TaskView attempt(@PathVariable long id, @Valid @RequestBody AttemptRequest request, Locale locale) {
        return workbench.attempt(id, request.result(), request.note(), locale);
    }

    @PostMapping("/tasks/{id}/finish")
    Workbench.TaskView finish(@PathVariable long id, @Valid @RequestBody FinishRequest request, Locale locale) {
        return workbench.finish(id, request.outcome(), request.note(), locale);
    }

    @PostMapping("/tasks/{id}/release")
    ResponseEntity<Void> release(@PathVariable long id) {
        workbench.release(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/visits")
    List<Workbench.TaskView> visits(Locale locale) {
        return workbench.visits(locale);
    }

    /** The proof of a face-to-face visit: when, where (GPS), a photo, the body-camera recording's reference. */
    @PostMapping(path = "/tasks/{id}/visit", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Workbench.TaskView visit(
            @PathVariable long id,
            @RequestParam String visitedAt,
            @RequestParam(required = false) @Nullable BigDecimal latitude,
            @RequestParam(required = false) @Nullable BigDecimal longitude,
            @RequestParam(required = false) @Nullable String bodyCameraRef,
            @RequestParam(defaultValue = "true") boolean met,
            @RequestParam(required = false) @Nullable String note,
            @RequestPart(required = false) @Nullable MultipartFile photo,
            Locale locale)
            throws IOException {
        Instant at;
        try {
            at = OffsetDateTime.parse(visitedAt.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(
                    "visitedAt", "error.iso8601TimeWithOffset", visitedAt.length() > 40 ? null : visitedAt);
        }
        if (latitude != null && (latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0)
                || longitude != null && (longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0)) {
            throw new InvalidInput("latitude", "error.latitudeWithin90LongitudeWithin180", null);
        }
        if (bodyCameraRef != null && bodyCameraRef.length() > 100 || note != null && note.length() > 1000) {
            throw new InvalidInput("bodyCameraRef", "error.atMost100CharactersNote1000", null);
        }
        byte[] bytes = null;
        String type = null;
        if (photo != null && !photo.isEmpty()) {
            if (photo.getSize() > properties.maxPhotoSize().toBytes()) {
                throw InvalidInput.of(
                        "photo",
                        "error.atMostMegabytes",
                        null,
                        properties.maxPhotoSize().toMegabytes());
            }
            bytes = photo.getBytes();
            type = imageType(bytes);
            if (type == null) {
                throw new InvalidInput("photo", "error.jpegPNGImage", null);
            }
        }
        return workbench.visit(id, at, latitude, longitude, bodyCameraRef, met, note, bytes, type, locale);
    }

    /** The type by the file's own first bytes, not by what the client claims. */
    static @Nullable String imageType(byte[] b) {
        return org.fanzha.platform.FileTypes.image(b);
    }
}
