package org.fanzha.contact.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.Forbidden;
import org.fanzha.platform.Forms;
import org.fanzha.platform.Permission;
import org.fanzha.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 话术管理: the warning SMS templates and robot call scripts, one per topic, with their history.
 * Commanders read them; province commanders write new versions (every change audited, the
 * messages and calls after it use it, each recording the version it used).
 */
@Controller
class ScriptPages {

    private final Scripts scripts;
    private final Divisions divisions;

    ScriptPages(Scripts scripts, Divisions divisions) {
        this.scripts = scripts;
        this.divisions = divisions;
    }

    /** A topic's row on the list: its current SMS template and call script. */
    record Row(String topic, String labelKey, Scripts.Version sms, Scripts.Version call) {}

    @GetMapping("/contact/scripts")
    @PreAuthorize("hasAuthority('contact-scripts:edit')")
    String list(Model model) {
        Actor actor = Actors.requirePermission(Permission.CONTACT_SCRIPTS_EDIT);
        List<Row> rows = Scripts.topics().stream()
                .map(topic -> new Row(
                        topic,
                        Scripts.topicKey(topic),
                        scripts.current(Scripts.Kind.SMS, topic).orElseGet(() -> fallback(Scripts.Kind.SMS, topic)),
                        scripts.current(Scripts.Kind.CALL, topic).orElseGet(() -> fallback(Scripts.Kind.CALL, topic))))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("mayWrite", province(actor));
        return "contact/scripts";
    }

    /** A topic without a text of its own uses the default's (shown as such). */
    private Scripts.Version fallback(Scripts.Kind kind, String topic) {
        return scripts.current(kind, Scripts.DEFAULT).orElseThrow();
    }

    @GetMapping("/contact/scripts/{kind}/{topic}")
    @PreAuthorize("hasAuthority('contact-scripts:edit')")
    String script(@PathVariable String kind, @PathVariable String topic, Model model) {
        Actor actor = Actors.requirePermission(Permission.CONTACT_SCRIPTS_EDIT);
        Scripts.Kind k = kind(kind, topic);
        List<Scripts.Version> history = scripts.history(k, topic);
        Scripts.Version current = history.isEmpty() ? fallback(k, topic) : history.get(0);
        model.addAttribute("kind", k);
        model.addAttribute("kindPath", kind);
        model.addAttribute("topic", topic);
        model.addAttribute("labelKey", Scripts.topicKey(topic));
        model.addAttribute("current", current);
        model.addAttribute("own", !history.isEmpty());
        model.addAttribute("preview", scripts.fill(current.body()));
        model.addAttribute("history", history);
        model.addAttribute("maxLength", k.maxLength);
        model.addAttribute("mayWrite", province(actor));
        return "contact/script";
    }

    @PostMapping("/contact/scripts/{kind}/{topic}")
    @PreAuthorize("hasAuthority('contact-scripts:edit')")
    String write(
            @PathVariable String kind,
            @PathVariable String topic,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        Actor actor = Actors.requirePermission(Permission.CONTACT_SCRIPTS_EDIT);
        Scripts.Kind k = kind(kind, topic);
        if (!province(actor)) {
            throw new Forbidden("problem.forbidden.provinceScripts");
        }
        try {
            var written = scripts.write(k, topic, body, reason, actor.id());
            redirect.addFlashAttribute("saved", written.version());
        } catch (ProblemException e) {
            Forms.refused(redirect, e, Forms.typed("body", body, "reason", reason));
        }
        return "redirect:/contact/scripts/" + kind + "/" + topic;
    }

    /** The text as it would go out, and what is wrong with it, without saving it. */
    @PostMapping("/contact/scripts/{kind}/{topic}/preview")
    @PreAuthorize("hasAuthority('contact-scripts:edit')")
    String preview(
            @PathVariable String kind,
            @PathVariable String topic,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String reason,
            java.util.Locale locale,
            Model model) {
        String page = script(kind, topic, model);
        Scripts.Kind k = kind(kind, topic);
        model.addAttribute("typed", Forms.typed("body", body, "reason", reason));
        model.addAttribute("draft", scripts.fill(body.strip()));
        Map<String, String> errors = new LinkedHashMap<>();
        for (var e : Scripts.check(k, body, scripts.centreName())) {
            errors.merge(
                    e.field(), e.message(locale), (x, y) -> x + ("zh".equals(locale.getLanguage()) ? "；" : "; ") + y);
        }
        model.addAttribute("errors", errors);
        return page;
    }

    private static Scripts.Kind kind(String kind, String topic) {
        Map<String, Scripts.Kind> kinds = new LinkedHashMap<>();
        for (Scripts.Kind k : Scripts.Kind.values()) {
            kinds.put(k.name().toLowerCase(Locale.ROOT), k);
        }
        Scripts.Kind k = kinds.get(kind);
        if (k == null || !Scripts.isTopic(topic)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return k;
    }

    private boolean province(Actor actor) {
        return divisions.find(actor.unitCode()).map(d -> d.parentCode() == null).orElse(false);
    }
}
