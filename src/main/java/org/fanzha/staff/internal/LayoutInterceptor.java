package org.fanzha.staff.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.fanzha.divisions.Divisions;
import org.fanzha.platform.Actors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives every page the signed-in actor ({@code me}), their unit ({@code myUnit}) and the
 * watermark: the viewer's name, unit and the time, tiled faintly over pages that show personal
 * data, so a photo of the screen says who took it and when.
 */
@Configuration(proxyBeanMethods = false)
class LayoutInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Divisions divisions;
    private final Notices notices;

    LayoutInterceptor(Divisions divisions, Notices notices) {
        this.divisions = divisions;
        this.notices = notices;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**", "/css/**", "/js/**", "/webjars/**");
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView view) {
        if (view == null || view.getViewName() == null || view.getViewName().startsWith("redirect:")) {
            return;
        }
        Actors.current().ifPresent(actor -> {
            var unit = divisions.find(actor.unitCode()).orElse(null);
            view.addObject("me", actor);
            view.addObject("myUnit", unit);
            view.addObject("noticeCount", notices.recentCount(actor));
            String label = actor.name() + " " + (unit == null ? actor.unitCode() : unit.name()) + " "
                    + ZonedDateTime.now(SHANGHAI).format(TIME);
            view.addObject("watermark", watermark(label));
        });
    }

    static String watermark(String label) {
        String text = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='360' height='200'>"
                + "<text x='10' y='120' transform='rotate(-20 180 100)' font-size='14' "
                + "font-family='sans-serif' fill='rgba(0,0,0,0.07)'>" + text + "</text></svg>";
        return "data:image/svg+xml,"
                + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
