package org.fanzha.performance.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fanzha.performance.Period;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.FieldError;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bulletins: {@code 2021-W22} (HTML), {@code 2021-W22.pdf}, {@code 2021-W22.xlsx}; months likewise. */
@RestController
@RequestMapping("/api/v1/performance/bulletins")
class BulletinController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Bulletins bulletins;
    private final Indicators indicators;

    BulletinController(Bulletins bulletins, Indicators indicators) {
        this.bulletins = bulletins;
        this.indicators = indicators;
    }

    @GetMapping
    List<Bulletins.Issued> list() {
        Actors.requirePermission(Permission.PERFORMANCE_READ);
        return bulletins.list();
    }

    static Period bulletinPeriod(String label) {
        Period p = PerformanceController.period(label);
        if (p.kind() != Period.Kind.WEEK && p.kind() != Period.Kind.MONTH) {
            throw new InvalidInput(List.of(new FieldError("period", "error.bulletinForISOWeek2021W22", label)));
        }
        return p;
    }

    @GetMapping("/{name}")
    ResponseEntity<byte[]> get(@PathVariable String name) {
        Actors.requirePermission(Permission.PERFORMANCE_READ);
        String label = name;
        String format = "html";
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            label = name.substring(0, dot);
            format = name.substring(dot + 1);
        }
        if (!List.of("html", "pdf", "xlsx").contains(format)) {
            throw new InvalidInput(List.of(new FieldError(
                    "format", "error.htmlPdfXlsx", format.length() > 10 ? format.substring(0, 10) : format)));
        }
        Period period = bulletinPeriod(label);
        Bulletins.Document doc = bulletins.document(period);
        HttpHeaders headers = new HttpHeaders();
        headers.set("Fanzha-Bulletin", doc.issuedAt() == null ? "draft" : "issued " + doc.issuedAt());
        String file = "fanzha-bulletin-" + period.label() + "." + format;
        return switch (format) {
            case "pdf" -> {
                headers.setContentType(MediaType.APPLICATION_PDF);
                headers.setContentDisposition(
                        ContentDisposition.inline().filename(file).build());
                yield ResponseEntity.ok().headers(headers).body(doc.pdf());
            }
            case "xlsx" -> {
                headers.setContentType(XLSX);
                headers.setContentDisposition(
                        ContentDisposition.attachment().filename(file).build());
                yield ResponseEntity.ok().headers(headers).body(doc.xlsx());
            }
            default -> {
                headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
                yield ResponseEntity.ok().headers(headers).body(doc.html().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Issues a bulletin now (the schedule does it every Monday and every first of the month). */
    @PostMapping("/{name}/issue")
    Bulletins.Issued issue(@PathVariable String name) {
        Actor actor = Actors.requirePermission(Permission.PERFORMANCE_ADJUST);
        if (!indicators.isProvince(actor.unitCode())) {
            throw new Forbidden("problem.forbidden.provinceBulletins");
        }
        Bulletins.Document doc = bulletins.issue(bulletinPeriod(name));
        return new Bulletins.Issued(doc.period(), doc.issuedAt(), "");
    }
}
